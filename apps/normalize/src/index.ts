export { NormalizeService, type NormalizeDeps, type OcsfValidator } from './normalize-service';
