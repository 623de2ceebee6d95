/**
 * Sigma field -> where it lives in an OCSF 1.8.0 event, per kind of event. A target is one
 * or more alternatives separated by `|`, the first present wins; an alternative is an OCSF
 * path, or `user:<path>` (a user object read as `DOMAIN\name`, as Windows writes it) or
 * `hashes:<path>` (a fingerprint array read as `ALG=value` strings, as Sysmon writes it).
 * Every target also falls back to `unmapped.<SigmaField>`, where our mappers keep the
 * source's own fields (so `unmapped.X` is listed first only where the original is better).
 * The paths follow what libs/ocsf mappers produce (checked against the schema by a spec).
 */

/** Sigma field -> target (see the module comment for the syntax). */
export type OcsfFieldTable = Readonly<Record<string, string>>;

/** The acting process (file, network, registry, DNS and module events). */
export const ACTOR_PROCESS: OcsfFieldTable = {
  Image: 'actor.process.file.path',
  ProcessId: 'actor.process.pid',
  ProcessGuid: 'actor.process.uid',
  CommandLine: 'actor.process.cmd_line',
  User: 'unmapped.User|user:actor.user',
};

/** process_creation (Process Activity: Launch). */
export const PROCESS_CREATION: OcsfFieldTable = {
  Image: 'process.file.path',
  // The mappers trim command lines; rules may test the original's trailing space.
  CommandLine: 'unmapped.CommandLine|process.cmd_line',
  ParentImage: 'process.parent_process.file.path|actor.process.file.path',
  ParentCommandLine: 'unmapped.ParentCommandLine|process.parent_process.cmd_line|actor.process.cmd_line',
  OriginalFileName: 'process.file.internal_name',
  Description: 'process.file.desc',
  Product: 'process.file.product.name',
  Company: 'process.file.company_name',
  FileVersion: 'process.file.version',
  Hashes: 'unmapped.Hashes|hashes:process.file.hashes',
  User: 'unmapped.User|user:process.user|user:actor.user',
  ParentUser: 'unmapped.ParentUser|user:process.parent_process.user',
  IntegrityLevel: 'process.integrity',
  CurrentDirectory: 'process.working_directory',
  ProcessId: 'process.pid',
  ProcessGuid: 'process.uid',
  ParentProcessId: 'process.parent_process.pid',
  ParentProcessGuid: 'process.parent_process.uid',
  LogonId: 'process.session.uid',
  LogonGuid: 'process.session.uuid',
};

/** process_termination (Process Activity: Terminate). */
export const PROCESS_TERMINATION: OcsfFieldTable = {
  Image: 'process.file.path',
  ProcessId: 'process.pid',
  ProcessGuid: 'process.uid',
  User: 'unmapped.User|user:actor.user',
};

/** process_access / create_remote_thread (Process Activity: Open / Inject): Source acts on Target. */
export const PROCESS_ON_PROCESS: OcsfFieldTable = {
  SourceImage: 'actor.process.file.path',
  SourceProcessId: 'actor.process.pid',
  SourceProcessGuid: 'actor.process.uid',
  SourceUser: 'unmapped.SourceUser|user:actor.user',
  TargetImage: 'process.file.path',
  TargetProcessId: 'process.pid',
  TargetProcessGuid: 'process.uid',
  TargetUser: 'unmapped.TargetUser|user:process.user',
};

/** network_connection (Network Activity). */
export const NETWORK_CONNECTION: OcsfFieldTable = {
  ...ACTOR_PROCESS,
  DestinationIp: 'dst_endpoint.ip',
  DestinationPort: 'dst_endpoint.port',
  DestinationHostname: 'dst_endpoint.hostname',
  SourceIp: 'src_endpoint.ip',
  SourcePort: 'src_endpoint.port',
  SourceHostname: 'src_endpoint.hostname',
  Protocol: 'connection_info.protocol_name',
};

/** dns_query (Sysmon-style DNS Activity fields). */
export const DNS_QUERY: OcsfFieldTable = {
  ...ACTOR_PROCESS,
  QueryName: 'query.hostname',
  QueryResults: 'unmapped.QueryResults|answers.rdata',
  QueryStatus: 'unmapped.QueryStatus|status_code|rcode_id',
};

/** dns (the taxonomy's resolver-log fields). */
export const DNS: OcsfFieldTable = {
  query: 'query.hostname',
  answer: 'answers.rdata',
  record_type: 'query.type',
  response_code: 'rcode',
  src_ip: 'src_endpoint.ip',
  dst_ip: 'dst_endpoint.ip',
};

/** file_event / file_change / file_delete / file_access (File System Activity). */
export const FILE: OcsfFieldTable = {
  ...ACTOR_PROCESS,
  TargetFilename: 'file.path',
  CreationUtcTime: 'unmapped.CreationUtcTime|file.created_time',
  Hashes: 'unmapped.Hashes|hashes:file.hashes',
};

/** file_rename: the original is `file`, the new name `file_result`. */
export const FILE_RENAME: OcsfFieldTable = {
  ...ACTOR_PROCESS,
  SourceFilename: 'file.path',
  TargetFilename: 'file_result.path',
};

/** Registry key events (201001). */
export const REGISTRY_KEY: OcsfFieldTable = { ...ACTOR_PROCESS, TargetObject: 'reg_key.path' };

/** Registry value events (201002). */
export const REGISTRY_VALUE: OcsfFieldTable = { ...ACTOR_PROCESS, TargetObject: 'reg_value.path', Details: 'unmapped.Details|reg_value.data' };

/** registry_rename: the old key is `prev_reg_key`, the new one `reg_key`. */
export const REGISTRY_RENAME: OcsfFieldTable = { ...ACTOR_PROCESS, TargetObject: 'prev_reg_key.path', NewName: 'reg_key.path' };

/** image_load (Module Activity: Load). */
export const IMAGE_LOAD: OcsfFieldTable = {
  ...ACTOR_PROCESS,
  ImageLoaded: 'module.file.path',
  Hashes: 'unmapped.Hashes|hashes:module.file.hashes',
  OriginalFileName: 'module.file.internal_name',
  Description: 'module.file.desc',
  Product: 'module.file.product.name',
  Company: 'module.file.company_name',
};

/** authentication (Authentication), Windows logon field names. */
export const AUTHENTICATION: OcsfFieldTable = {
  TargetUserName: 'user.name',
  TargetDomainName: 'user.domain',
  TargetUserSid: 'user.uid',
  SubjectUserName: 'actor.user.name',
  SubjectDomainName: 'actor.user.domain',
  IpAddress: 'src_endpoint.ip',
  IpPort: 'src_endpoint.port',
  WorkstationName: 'src_endpoint.hostname',
  LogonType: 'logon_type_id',
  LogonProcessName: 'logon_process.name',
  AuthenticationPackageName: 'unmapped.AuthenticationPackageName|auth_protocol',
  User: 'user:user',
};

/** firewall (Network Activity), taxonomy names. */
export const FIREWALL: OcsfFieldTable = {
  src_ip: 'src_endpoint.ip',
  src_port: 'src_endpoint.port',
  dst_ip: 'dst_endpoint.ip',
  dst_port: 'dst_endpoint.port',
  protocol: 'connection_info.protocol_name',
  action: 'action',
};

/** proxy / webserver (HTTP Activity), W3C names. */
export const HTTP_W3C: OcsfFieldTable = {
  'c-uri': 'http_request.url.url_string',
  'c-uri-query': 'http_request.url.query_string',
  'c-useragent': 'http_request.user_agent',
  'cs-method': 'http_request.http_method',
  'cs-host': 'http_request.url.hostname',
  'cs-uri-query': 'http_request.url.query_string',
  'cs-referrer': 'http_request.referrer',
  'cs-user-agent': 'http_request.user_agent',
  'sc-status': 'http_response.code',
  dst_ip: 'dst_endpoint.ip',
  src_ip: 'src_endpoint.ip',
};
