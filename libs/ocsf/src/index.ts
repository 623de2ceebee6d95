export type { OcsfEvent, MapContext, MapResult, SourceMapper } from './mapper';
