export { IngestService, type IngestLimits, type IngestRequest, type IngestResult } from './ingest-service';
export { Admission, type AdmissionLimits } from './admission';
export { DelayTargetLagLimit, type DelayTargetOptions, type LagLimit, fixedLagLimit } from './lag-limit';
export { ingestRoutes, type IngestRouteOptions } from './http/routes';
export { SyslogBatcher, type BatcherOptions } from './syslog/batcher';
export { SyslogListener, type SyslogListenerOptions } from './syslog/listener';
export { SyslogFramer } from './syslog/framing';
