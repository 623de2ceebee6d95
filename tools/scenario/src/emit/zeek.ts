import type { Build, Sequencer } from '../draft';
import { epochSeconds, isoMs } from '../format';
import type { Rng } from '../rng';

/** A flow as Zeek conn.log records it. */
export interface ZeekFlow {
  uid: string;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  proto: 'tcp' | 'udp';
  service?: string;
  duration: number;
  origBytes: number;
  respBytes: number;
  state?: string;
}

/** A Zeek connection uid (`C` + 17 base62). */
export function zeekUid(rng: Rng): string {
  return 'C' + rng.b62(17);
}

function ids(f: ZeekFlow): Record<string, unknown> {
  return { 'id.orig_h': f.src, 'id.orig_p': f.srcPort, 'id.resp_h': f.dst, 'id.resp_p': f.dstPort };
}

/** conn.log line as JSON (native field names, `_path` as the JSON streaming writer adds). */
export function zeekConn(time: number, f: ZeekFlow): Build {
  return (seq: Sequencer) => {
    const pkts = Math.max(1, Math.round(f.origBytes / 600));
    const rpkts = Math.max(1, Math.round(f.respBytes / 1200));
    const history = f.proto === 'udp' ? 'Dd' : f.state === 'S0' ? 'S' : f.state === 'REJ' ? 'Sr' : 'ShADadFf';
    return {
      _path: 'conn', _write_ts: isoMs(time + Math.round(f.duration * 1000)),
      ts: epochSeconds(time, seq.jitter()), uid: f.uid, ...ids(f), proto: f.proto, ...(f.service ? { service: f.service } : {}),
      duration: Number(f.duration.toFixed(6)), orig_bytes: f.origBytes, resp_bytes: f.respBytes,
      conn_state: f.state ?? 'SF', local_orig: f.src.startsWith('10.'), local_resp: f.dst.startsWith('10.'), missed_bytes: 0, history,
      orig_pkts: pkts, orig_ip_bytes: f.origBytes + pkts * 40, resp_pkts: rpkts, resp_ip_bytes: f.respBytes + rpkts * 40,
    };
  };
}

/** dns.log line as JSON. */
export function zeekDns(time: number, f: ZeekFlow, q: { transId: number; query: string; qtype: 'A' | 'AAAA' | 'TXT'; answers: string[]; rcode?: 'NOERROR' | 'NXDOMAIN' }): Build {
  return (seq: Sequencer) => {
    const rcode = q.rcode ?? 'NOERROR';
    return {
      _path: 'dns', _write_ts: isoMs(time), ts: epochSeconds(time, seq.jitter()), uid: f.uid, ...ids(f), proto: 'udp',
      trans_id: q.transId, rtt: Number(f.duration.toFixed(6)), query: q.query, qclass: 1, qclass_name: 'C_INTERNET',
      qtype: q.qtype === 'A' ? 1 : q.qtype === 'AAAA' ? 28 : 16, qtype_name: q.qtype, rcode: rcode === 'NOERROR' ? 0 : 3, rcode_name: rcode,
      AA: false, TC: false, RD: true, RA: true, Z: 0,
      ...(q.answers.length > 0 ? { answers: q.answers, TTLs: q.answers.map(() => 300) } : {}),
      rejected: false,
    };
  };
}

/** http.log line as JSON. */
export function zeekHttp(time: number, f: ZeekFlow, h: { method: string; host: string; uri: string; ua: string; status: number; respLen: number; mime: string; fuid: string }): Build {
  return (seq: Sequencer) => ({
    _path: 'http', _write_ts: isoMs(time), ts: epochSeconds(time, seq.jitter()), uid: f.uid, ...ids(f), trans_depth: 1,
    method: h.method, host: h.host, uri: h.uri, version: '1.1', user_agent: h.ua, request_body_len: 0,
    response_body_len: h.respLen, status_code: h.status, status_msg: h.status === 200 ? 'OK' : h.status === 404 ? 'Not Found' : 'Moved Permanently',
    tags: [], resp_fuids: [h.fuid], resp_mime_types: [h.mime],
  });
}
