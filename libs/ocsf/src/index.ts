export type { OcsfEvent, MapContext, MapResult, SourceMapper } from './mapper';
export { validateOcsf, assertValidOcsf, knownOcsfClassUids, type OcsfValidation } from './validate';
export { ocsfMeta, ocsfClass, type OcsfMeta, type OcsfClassMeta, type OcsfEnum } from './meta';
export { OCSF_VERSION } from './schema-artifacts';
export { SOC_ERR_OCSF_UNKNOWN_CLASS, SOC_ERR_OCSF_INVALID_EVENT } from './errors';
export { mapperFor } from './mappers/registry';
