export type { OcsfEvent, MapContext, MapResult, SourceMapper } from './mapper';
export { validateOcsf, assertValidOcsf, knownOcsfClassUids, type OcsfValidation } from './validate';
export { mapperFor } from './mappers/registry';
