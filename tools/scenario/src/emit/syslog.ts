import type { Build, Sequencer } from '../draft';
import { rfc3164Time, rfc5424Time } from '../format';
import type { Host } from '../world/types';

/** Facility codes used here (RFC 5424 section 6.2.1). */
export const Facility = { kern: 0, user: 1, daemon: 3, auth: 4, syslog: 5, cron: 9, authpriv: 10 } as const;
/** Severity codes. */
export const Severity = { err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;

/** One syslog message. */
export interface SyslogMsg {
  facility: number;
  severity: number;
  app: string;
  pid?: number;
  msg: string;
}

/** A syslog line in the host's configured spelling: RFC 3164 (BSD) or RFC 5424. */
export function syslogLine(host: Host, time: number, m: SyslogMsg): Build {
  return (seq: Sequencer) => {
    const pri = m.facility * 8 + m.severity;
    if (host.syslogFormat === '3164') {
      const tag = m.pid === undefined ? m.app : `${m.app}[${m.pid}]`;
      return `<${pri}>${rfc3164Time(time)} ${host.name} ${tag}: ${m.msg}`;
    }
    return `<${pri}>1 ${rfc5424Time(time, seq.jitter())} ${host.fqdn} ${m.app} ${m.pid ?? '-'} - - ${m.msg}`;
  };
}
