import { buildStatus } from '../../build/status';
import { connectionInfo, endpoints, intervalMs, num, str, zeekTime, type ZeekRecord } from './fields';
import type { ZeekMapping } from './mapping';

// Zeek conn_state -> Network Activity activity. The conn log is written when a connection
// ends, so a normal lifecycle is Close; resets, refusals and unanswered attempts keep their meaning.
const ACTIVITY_BY_STATE: Record<string, number> = {
  SF: 2, // normal establishment and termination -> Close
  REJ: 5, // attempt rejected -> Refuse
  S0: 4, // attempt seen, no reply -> Fail
  RSTO: 3, RSTR: 3, RSTOS0: 3, RSTRH: 3, // reset -> Reset
  S1: 1, // established, not terminated -> Open
};

const STATE_TEXT: Record<string, string> = {
  S0: 'Connection attempt seen, no reply',
  S1: 'Connection established, not terminated',
  SF: 'Normal establishment and termination',
  REJ: 'Connection attempt rejected',
  S2: 'Established, close attempt by originator seen (no reply)',
  S3: 'Established, close attempt by responder seen (no reply)',
  RSTO: 'Established, originator aborted',
  RSTR: 'Responder sent a RST',
  RSTOS0: 'Originator sent a SYN followed by a RST, no SYN-ACK',
  RSTRH: 'Responder sent a SYN ACK followed by a RST, no SYN',
  SH: 'Originator sent a SYN followed by a FIN, no SYN ACK',
  SHR: 'Responder sent a SYN ACK followed by a FIN, no SYN',
  OTH: 'No SYN seen, just midstream traffic',
};

const CONSUMED = ['uid', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'resp_pkts', 'orig_l2_addr', 'resp_l2_addr'];

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

/** conn.log -> Network Activity (4001). Other states (S2, S3, SH, SHR, OTH) are Traffic (6). */
export function mapConn(rec: ZeekRecord): ZeekMapping {
  const state = str(rec, 'conn_state');
  const ts = zeekTime(rec);
  const duration = intervalMs(rec, 'duration');
  const origBytes = num(rec, 'orig_bytes');
  const respBytes = num(rec, 'resp_bytes');
  const origPkts = num(rec, 'orig_pkts');
  const respPkts = num(rec, 'resp_pkts');
  const { src_endpoint, dst_endpoint } = endpoints(rec);
  const attributes: Record<string, unknown> = {
    src_endpoint,
    dst_endpoint,
    connection_info: connectionInfo(rec),
    traffic: {
      bytes_out: origBytes, bytes_in: respBytes, bytes: sum(origBytes, respBytes),
      packets_out: origPkts, packets_in: respPkts, packets: sum(origPkts, respPkts),
      bytes_missed: num(rec, 'missed_bytes'),
    },
    app_protocol_name: str(rec, 'service'),
    duration,
    start_time: ts,
    end_time: ts !== undefined && duration !== undefined ? ts + duration : undefined,
  };
  if (state) Object.assign(attributes, buildStatus(undefined, state, STATE_TEXT[state]));
  return {
    classUid: 4001,
    activityId: (state ? ACTIVITY_BY_STATE[state] : undefined) ?? 6,
    attributes,
    consumed: CONSUMED,
  };
}
