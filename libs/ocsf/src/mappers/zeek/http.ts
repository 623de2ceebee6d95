import { buildStatus } from '../../build/status';
import { connectionInfo, endpoints, idField, num, str, type ZeekRecord } from './fields';
import type { ZeekMapping } from './mapping';

const ACTIVITY_BY_METHOD: Record<string, number> = {
  CONNECT: 1, DELETE: 2, GET: 3, HEAD: 4, OPTIONS: 5, POST: 6, PUT: 7, TRACE: 8, PATCH: 9,
};

const CONSUMED = ['uid', 'host', 'uri', 'referrer', 'version', 'user_agent', 'request_body_len', 'response_body_len', 'status_code', 'status_msg'];
const CONSUMED_WITH_METHOD = ['method', ...CONSUMED];

/** http.log -> HTTP Activity (4002); undefined when the record has neither request nor response data. */
export function mapHttp(rec: ZeekRecord): ZeekMapping | undefined {
  const rawMethod = str(rec, 'method');
  // OCSF's http_method enum has the nine RFC 9110/5789 methods; WebDAV verbs (PROPFIND...) stay
  // in `unmapped.method` and name the activity (Other).
  const method = rawMethod !== undefined && ACTIVITY_BY_METHOD[rawMethod.toUpperCase()] ? rawMethod.toUpperCase() : undefined;
  const code = num(rec, 'status_code');
  const request = httpRequest(rec, method);
  if (!request && code === undefined) return undefined;
  const activityId = method ? (ACTIVITY_BY_METHOD[method] ?? 99) : rawMethod ? 99 : 0;
  const mimes = Array.isArray(rec['resp_mime_types']) ? (rec['resp_mime_types'] as unknown[]) : [];
  const { src_endpoint, dst_endpoint } = endpoints(rec);
  const status = code === undefined ? undefined : buildStatus(code < 400, String(code), str(rec, 'status_msg'));
  return {
    classUid: 4002,
    activityId,
    ...(activityId === 99 && rawMethod ? { activityName: rawMethod } : {}),
    // Parts by name, not spread (absent ones are undefined attributes, dropped): a literal that
    // starts with a spread and goes on is slow in V8.
    attributes: {
      src_endpoint,
      dst_endpoint,
      connection_info: connectionInfo(rec),
      http_request: request,
      http_response: code === undefined ? undefined : {
        code,
        message: str(rec, 'status_msg'),
        body_length: num(rec, 'response_body_len'),
        content_type: typeof mimes[0] === 'string' ? mimes[0] : undefined,
      },
      status_id: status?.status_id,
      status: status?.status,
      status_code: status?.status_code,
      status_detail: status?.status_detail,
    },
    consumed: method ? CONSUMED_WITH_METHOD : CONSUMED,
  };
}

function httpRequest(rec: ZeekRecord, method: string | undefined): Record<string, unknown> | undefined {
  const host = str(rec, 'host');
  const uri = str(rec, 'uri');
  const ua = str(rec, 'user_agent');
  if (!method && !uri && !host && !ua) return undefined; // neither request nor response: caller maps it as Other
  return {
    http_method: method,
    url: urlOf(host, uri, idField(rec, 'resp_p')),
    user_agent: ua,
    referrer: str(rec, 'referrer'),
    version: str(rec, 'version'),
    body_length: num(rec, 'request_body_len'),
  };
}

/** OCSF url from Zeek's Host header and request URI (absolute for proxy requests). */
function urlOf(host: string | undefined, uri: string | undefined, port: unknown): Record<string, unknown> | undefined {
  if (uri === undefined && host === undefined) return undefined;
  const absolute = uri !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(uri);
  const target = uri ?? '/';
  const url_string = absolute ? target : host ? `http://${host}${target.startsWith('/') ? '' : '/'}${target}` : undefined;
  let path = absolute ? undefined : target;
  let query_string: string | undefined;
  if (path !== undefined && path.includes('?')) {
    query_string = path.slice(path.indexOf('?') + 1);
    path = path.slice(0, path.indexOf('?'));
  }
  return {
    url_string,
    hostname: host,
    path: path ?? (url_string === undefined ? target : undefined),
    query_string,
    port: typeof port === 'number' ? port : undefined,
    scheme: absolute ? target.slice(0, target.indexOf(':')).toLowerCase() : 'http',
  };
}
