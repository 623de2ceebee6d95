import { connectionInfo, endpoints, str, type ZeekRecord } from './fields';
import type { ZeekMapping } from './mapping';

/**
 * Any other Zeek log (ssl, kerberos, smb_*, dce_rpc, files, weird, x509, stats, reporter...):
 * a valid event that keeps every field in `unmapped`, so nothing is lost and the record is
 * searchable. Logs about a connection become Network Activity (4001) activity Other named
 * after the log; logs about the sensor itself become a Base Event (0).
 */
const CONSUMED_WITH_ENDPOINTS = ['uid', 'proto'];
const NONE: string[] = [];

export function mapOtherLog(rec: ZeekRecord, logType: string | undefined): ZeekMapping {
  const eps = endpoints(rec);
  const name = logType ? `zeek ${logType}` : 'zeek';
  if (eps.src_endpoint || eps.dst_endpoint) {
    return {
      classUid: 4001,
      activityId: 99,
      activityName: name,
      attributes: { src_endpoint: eps.src_endpoint, dst_endpoint: eps.dst_endpoint, connection_info: connectionInfo(rec), app_protocol_name: logType },
      consumed: CONSUMED_WITH_ENDPOINTS,
    };
  }
  return {
    classUid: 0,
    activityId: 99,
    activityName: name,
    attributes: { message: str(rec, 'message') ?? str(rec, 'msg') },
    consumed: NONE,
  };
}
