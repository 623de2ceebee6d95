export { ROLES, type Role, isRole, ROLE_RANK, highestRank, canGrantRole } from './roles';
export { API_KEY_SCOPES, type ApiKeyScope, isApiKeyScope } from './scopes';
export { PERMISSIONS, PERMISSION_NAMES, type Permission, type PermissionSpec, isPermission, isReadPermission } from './permissions';
export { permissionsOfRole, permissionsOfScopes, effectivePermissions } from './resolve';
