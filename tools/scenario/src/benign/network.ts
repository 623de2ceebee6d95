import type { Label } from '../draft';
import { sysmon22, sysmon3, type Proc } from '../emit/sysmon';
import { zeekConn, zeekDns, zeekHttp, zeekUid } from '../emit/zeek';
import type { Host } from '../world/types';
import type { SliceCtx } from './context';

/** A destination a process connects to. */
export interface Destination {
  domain: string;
  ip: string;
  port: number;
  /** Set for plain-HTTP requests Zeek decodes into http.log. */
  http?: { method: string; uri: string; ua: string; status: number; mime: string; respLen: number };
}

/**
 * One outbound connection as every sensor sees it: Sysmon 22 + Zeek dns for the lookup, then
 * Sysmon 3 + Zeek conn (and http) for the flow. Sysmon only when the host runs it.
 */
export function outbound(ctx: SliceCtx, host: Host, proc: Proc | undefined, t: number, d: Destination, label?: Label): number {
  const { rng, sink, world } = ctx;
  const resolver = world.network.dnsResolver;
  const dnsUid = zeekUid(rng);
  const dnsFlow = { uid: dnsUid, src: host.ip, srcPort: rng.int(49152, 65535), dst: resolver, dstPort: 53, proto: 'udp' as const, service: 'dns', duration: rng.int(300, 40_000) / 1e6, origBytes: 30 + d.domain.length, respBytes: 46 + d.domain.length };
  if (proc) sink.add(t, 'windows', sysmon22(host, t, proc, d.domain, [d.ip]), label);
  if (host.ip !== resolver) sink.add(t, 'zeek', zeekDns(t, dnsFlow, { transId: rng.int(1, 65535), query: d.domain, qtype: 'A', answers: [d.ip] }), label);
  const t2 = t + rng.int(5, 120);
  const src = rng.int(49152, 65535);
  if (proc) sink.add(t2, 'windows', sysmon3(host, t2, proc, { srcIp: host.ip, srcPort: src, dstIp: d.ip, dstPort: d.port, dstHost: d.domain, protocol: 'tcp' }), label);
  const flow = {
    uid: zeekUid(rng), src: host.ip, srcPort: src, dst: d.ip, dstPort: d.port, proto: 'tcp' as const,
    service: d.port === 443 ? 'ssl' : d.port === 80 ? 'http' : d.port === 445 ? 'smb' : undefined,
    duration: rng.int(50, 90_000) / 1000, origBytes: rng.int(500, 20_000), respBytes: d.http ? d.http.respLen + 300 : rng.int(2_000, 900_000),
  };
  sink.add(t2, 'zeek', zeekConn(t2, flow), label);
  if (d.http) sink.add(t2 + 40, 'zeek', zeekHttp(t2 + 40, flow, { ...d.http, host: d.domain, fuid: 'F' + rng.b62(17) }), label);
  return t2;
}
