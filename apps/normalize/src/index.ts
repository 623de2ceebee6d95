export { NormalizeService, type NormalizeDeps } from './normalize-service';
export { type NormalizeEngine, inlineEngine, WorkerPoolEngine } from './engine';
export { createBatchNormalizer, type OcsfValidator, type NormalizeFunctions, type RawItem, type BatchResult } from './normalize-batch';
