import { buildStatus } from '../../build/status';
import { connectionInfo, endpoints, intervalMs, num, str, type ZeekRecord } from './fields';
import type { ZeekMapping } from './mapping';

// OCSF dns rcode_id enum (IANA DNS RCODEs 0-11, 16-23); anything else is Other.
const KNOWN_RCODES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]);

const CONSUMED = ['uid', 'proto', 'trans_id', 'rtt', 'query', 'qclass', 'qclass_name', 'qtype', 'qtype_name', 'rcode', 'rcode_name', 'answers', 'TTLs'];

/** dns.log -> DNS Activity (4003): Response (2) when Zeek saw a reply, else Query (1). */
export function mapDns(rec: ZeekRecord): ZeekMapping {
  const rcode = num(rec, 'rcode');
  const hostname = str(rec, 'query');
  const answered = rcode !== undefined || Array.isArray(rec['answers']);
  const { src_endpoint, dst_endpoint } = endpoints(rec);
  const attributes: Record<string, unknown> = {
    src_endpoint,
    dst_endpoint,
    connection_info: connectionInfo(rec),
    query: hostname === undefined ? undefined : {
      hostname,
      type: str(rec, 'qtype_name') ?? str(rec, 'qtype'),
      class: str(rec, 'qclass_name') ?? str(rec, 'qclass'),
      packet_uid: num(rec, 'trans_id'),
    },
    answers: answersOf(rec),
    rcode_id: rcode === undefined ? undefined : KNOWN_RCODES.has(rcode) ? rcode : 99,
    rcode: str(rec, 'rcode_name'),
    duration: intervalMs(rec, 'rtt'),
  };
  if (rcode !== undefined) Object.assign(attributes, buildStatus(rcode === 0, str(rec, 'rcode_name') ?? String(rcode)));
  return {
    classUid: 4003,
    activityId: answered ? 2 : 1,
    attributes,
    consumed: CONSUMED,
  };
}

function answersOf(rec: ZeekRecord): Record<string, unknown>[] | undefined {
  const answers = rec['answers'];
  if (!Array.isArray(answers)) return undefined;
  const ttls = Array.isArray(rec['TTLs']) ? (rec['TTLs'] as unknown[]) : [];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < answers.length; i++) {
    const rdata: unknown = answers[i];
    if (typeof rdata !== 'string' || rdata === '') continue;
    const ttl = ttls[i];
    out.push({ rdata, ttl: typeof ttl === 'number' && Number.isFinite(ttl) ? Math.round(ttl) : undefined });
  }
  return out.length > 0 ? out : undefined;
}
