import type { OcsfFieldTable } from './ocsf-fields';

/**
 * Field tables of product/service logsources (cloud, identity, network sensors, auditd):
 * the Sigma rules use the source's native names, which our mappers spread over OCSF
 * attributes and `unmapped`. Same target syntax as ocsf-fields.ts.
 */

/** aws / cloudtrail (API Activity and the IAM classes). */
export const CLOUDTRAIL: OcsfFieldTable = {
  eventSource: 'api.service.name|metadata.log_provider',
  eventName: 'api.operation|metadata.event_code',
  errorCode: 'api.response.error|status_code',
  errorMessage: 'api.response.error_message|status_detail|message',
  userAgent: 'http_request.user_agent',
  // An AWS service caller (`config.amazonaws.com`) is a domain, not an IP, in the mapped event.
  sourceIPAddress: 'src_endpoint.ip|src_endpoint.domain',
  awsRegion: 'cloud.region',
  recipientAccountId: 'cloud.account.uid',
  'userIdentity.type': 'actor.user.type',
  'userIdentity.arn': 'actor.user.uid',
  'userIdentity.userName': 'actor.user.name',
  'userIdentity.accountId': 'actor.user.account.uid',
  'userIdentity.principalId': 'actor.user.uid_alt',
  'userIdentity.accessKeyId': 'actor.user.credential_uid',
  'userIdentity.sessionContext.sessionIssuer.arn': 'actor.session.issuer',
  requestParameters: 'api.request.data|unmapped.requestParameters',
  responseElements: 'api.response.data|unmapped.responseElements',
};

/**
 * Prefixes of dotted CloudTrail names: `requestParameters.x` is read at `api.request.data.x`
 * (API Activity), else at `unmapped.requestParameters.x` (IAM classes keep it there).
 */
export const PATH_PREFIX_ALIASES: Readonly<Record<string, string>> = {
  'requestParameters.': 'api.request.data.',
  'responseElements.': 'api.response.data.',
};

/** okta / okta (System Log). */
export const OKTA: OcsfFieldTable = {
  eventType: 'metadata.event_code',
  displayMessage: 'message',
  'actor.alternateId': 'actor.user.name|user.name',
  'actor.displayName': 'actor.user.display_name|user.display_name',
  'actor.id': 'actor.user.uid|user.uid',
  'client.ipAddress': 'src_endpoint.ip',
  'client.userAgent.rawUserAgent': 'http_request.user_agent',
  'outcome.result': 'status_code',
  'outcome.reason': 'status_detail',
};

/** azure / signinlogs (Authentication). */
export const AZURE_SIGNIN: OcsfFieldTable = {
  ResultType: 'status_code',
  resultType: 'status_code',
  ResultDescription: 'status_detail',
  Status: 'status',
  userAgent: 'http_request.user_agent',
  UserPrincipalName: 'user.name',
  Username: 'user.name',
  AppDisplayName: 'actor.app_name',
  ResourceDisplayName: 'service.name',
  IpAddress: 'src_endpoint.ip',
  callerIpAddress: 'src_endpoint.ip',
  location: 'src_endpoint.location.country',
  AuthenticationRequirement: 'unmapped.authenticationRequirement',
  ConditionalAccessStatus: 'unmapped.conditionalAccessStatus',
  conditionalAccessStatus: 'unmapped.conditionalAccessStatus',
  RiskState: 'unmapped.riskState',
  ClientApp: 'unmapped.clientAppUsed',
  homeTenantId: 'unmapped.homeTenantId',
  resourceTenantId: 'unmapped.resourceTenantId',
};

/** azure / auditlogs (API Activity and the IAM classes). */
export const AZURE_AUDIT: OcsfFieldTable = {
  OperationName: 'api.operation|metadata.event_code',
  operationName: 'api.operation|metadata.event_code',
  ActivityDisplayName: 'api.operation|metadata.event_code',
  LoggedByService: 'api.service.name|metadata.log_provider',
  Category: 'unmapped.category',
  Status: 'status',
  'properties.message': 'message',
  TargetResources: 'resources',
};

/** github / audit. */
export const GITHUB_AUDIT: OcsfFieldTable = {
  action: 'api.operation|metadata.event_code',
  actor: 'actor.user.name',
  actor_ip: 'src_endpoint.ip',
  repo: 'unmapped.repo|resources.name',
};

/** Zeek connection 4-tuple, shared by conn/dns/http. */
const ZEEK_ID: OcsfFieldTable = {
  'id.orig_h': 'src_endpoint.ip',
  'id.orig_p': 'src_endpoint.port',
  'id.resp_h': 'dst_endpoint.ip',
  'id.resp_p': 'dst_endpoint.port',
  uid: 'connection_info.uid',
};

/** zeek / conn (Network Activity). */
export const ZEEK_CONN: OcsfFieldTable = {
  ...ZEEK_ID,
  proto: 'connection_info.protocol_name',
  service: 'app_protocol_name',
  history: 'connection_info.flag_history',
  orig_bytes: 'traffic.bytes_out',
  resp_bytes: 'traffic.bytes_in',
  orig_pkts: 'traffic.packets_out',
  resp_pkts: 'traffic.packets_in',
};

/** zeek / dns (DNS Activity). */
export const ZEEK_DNS: OcsfFieldTable = {
  ...ZEEK_ID,
  query: 'query.hostname',
  qtype_name: 'query.type',
  qclass_name: 'query.class',
  trans_id: 'query.packet_uid',
  rcode_name: 'rcode',
  rcode: 'rcode_id',
  answers: 'answers.rdata',
  TTLs: 'answers.ttl',
};

/** zeek / http (HTTP Activity). */
export const ZEEK_HTTP: OcsfFieldTable = {
  ...ZEEK_ID,
  method: 'http_request.http_method',
  host: 'http_request.url.hostname',
  uri: 'http_request.url.path',
  referrer: 'http_request.referrer',
  user_agent: 'http_request.user_agent',
  version: 'http_request.version',
  request_body_len: 'http_request.body_length',
  response_body_len: 'http_response.body_length',
  status_code: 'http_response.code',
  status_msg: 'http_response.message',
  resp_mime_types: 'unmapped.resp_mime_types|http_response.content_type',
};

/** linux / auditd: SYSCALL fields; records the mapper did not consume stay in `unmapped.<TYPE>`. */
export const AUDITD: OcsfFieldTable = {
  type: 'metadata.event_code',
  exe: 'process.file.path|actor.process.file.path',
  comm: 'process.name|actor.process.name',
  pid: 'process.pid|actor.process.pid',
  ppid: 'process.parent_process.pid|actor.process.pid',
  uid: 'actor.user.uid',
  auid: 'process.auid|actor.user.uid',
  key: 'unmapped.SYSCALL.key',
  syscall: 'unmapped.SYSCALL.syscall',
  name: 'file.path|unmapped.PATH.name',
  cwd: 'process.working_directory',
};
