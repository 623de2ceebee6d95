// Named exports of the builders every mapper uses (re-exported from @soc/ocsf).
export { buildClassification, type Classification } from './classification';
export { compact } from './compact';
export { buildDevice, buildNetworkEndpoint, type DeviceInput, type EndpointInput } from './endpoint';
export { assembleEvent, type EventParts } from './event';
export { FILE_TYPE, buildFile, splitPath, type FileInput } from './file';
export { HASH_ALGORITHM, buildFingerprint, parseHashList, type Fingerprint } from './hashes';
export { normalizeIp, parsePort } from './ip';
export { buildMetadata, type MetadataInput } from './metadata';
export { OBSERVABLE_TYPE, buildObservable, deriveObservables, type Observable } from './observables';
export { buildProcess, parsePid, type ProcessInput } from './process';
export { RAW_DATA_MAX_CHARS, buildRawData, type RawData } from './raw-data';
export { SEVERITY, buildSeverity, severityFromText, type SeverityId } from './severity';
export { STATUS, buildStatus, type StatusAttributes, type StatusId } from './status';
export { parseTimestamp, timestampOr } from './time';
export { buildUnmapped, omitKeys } from './unmapped';
export { buildUser, type UserInput } from './user';
