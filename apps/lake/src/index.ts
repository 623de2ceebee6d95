export { LakeService, LAKE_CONSUMER, type LakeDeps } from './lake-service';
