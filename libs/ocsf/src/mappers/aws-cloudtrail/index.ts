export { cloudtrailMapper } from './cloudtrail-mapper';
