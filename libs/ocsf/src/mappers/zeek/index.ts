export { zeekMapper } from './zeek-mapper';
export { zeekLogType } from './fields';
