export { tenantIdColumn, timestampMs } from './columns';
export { tenants } from './tenants';
export { apiKeys } from './api-keys';
export { deadLetters } from './dead-letters';
export { systemState } from './system-state';
export { users, roleBindings } from './iam';
