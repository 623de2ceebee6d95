import {
  PERMISSION_NAMES,
  type Permission,
  ROLES,
  type Role,
  canGrantRole,
  effectivePermissions,
  isReadPermission,
  permissionsOfRole,
  permissionsOfScopes,
} from './index';

/** The matrix as the issue states it, written out independently of the catalog. */
const EXPECTED: Record<Role, Permission[]> = {
  owner: [...PERMISSION_NAMES],
  admin: PERMISSION_NAMES.filter((p) => p !== 'tenants:manage'),
  soc_lead: ['events:read', 'alerts:read', 'cases:read', 'cases:update', 'cases:assign', 'cases:sla', 'rules:read', 'rules:write', 'rules:test', 'entities:read', 'tenants:read'],
  analyst: ['events:read', 'alerts:read', 'cases:read', 'cases:update', 'rules:read', 'rules:test', 'entities:read', 'tenants:read'],
  viewer: ['events:read', 'alerts:read', 'cases:read', 'rules:read', 'entities:read', 'tenants:read'],
  auditor: ['events:read', 'alerts:read', 'cases:read', 'rules:read', 'entities:read', 'audit:read', 'audit:verify', 'tenants:read'],
};

describe('role -> permission matrix', () => {
  it.each(ROLES)('%s holds exactly the permissions of the issue', (role) => {
    expect(new Set(permissionsOfRole(role))).toEqual(new Set(EXPECTED[role]));
  });

  it('gives viewer and auditor reads only', () => {
    for (const role of ['viewer', 'auditor'] as const) expect(permissionsOfRole(role).filter((p) => !isReadPermission(p))).toEqual([]);
  });
});

describe('effective permissions (role ∩ scope)', () => {
  it('lets the admin scope use the whole role and nothing beyond it', () => {
    expect(effectivePermissions(['owner'], ['admin'])).toEqual(PERMISSION_NAMES);
    expect(effectivePermissions(['viewer'], ['admin'])).toEqual(permissionsOfRole('viewer'));
  });

  it('cuts a role down to its key scopes', () => {
    expect(effectivePermissions(['owner'], ['ingest'])).toEqual(['events:ingest']);
    const analystRead = effectivePermissions(['analyst'], ['read']);
    expect(analystRead).toContain('rules:test');
    expect(analystRead).not.toContain('cases:update');
    expect(effectivePermissions(['analyst'], ['read', 'write'])).toContain('cases:update');
    expect(effectivePermissions(['admin'], ['read', 'write'])).not.toContain('keys:manage');
    expect(effectivePermissions(['viewer'], ['ingest'])).toEqual([]);
  });

  it('unions several roles', () => {
    const both = effectivePermissions(['viewer', 'auditor'], ['read']);
    expect(both).toEqual(expect.arrayContaining(['audit:read', 'events:read']));
    expect(both).not.toContain('rules:test');
  });

  it('keeps the old scopes meaningful: read is every read, ingest is ingest only', () => {
    expect(permissionsOfScopes(['read']).every(isReadPermission)).toBe(true);
    expect(permissionsOfScopes(['read'])).toEqual(expect.arrayContaining(['audit:read', 'dead_letters:read', 'events:read']));
    expect(permissionsOfScopes(['ingest'])).toEqual(['events:ingest']);
    expect(permissionsOfScopes(['write'])).not.toEqual(expect.arrayContaining(['keys:manage']));
  });
});

describe('granting roles', () => {
  it('never above the granter: an admin cannot make an owner, an owner can make anyone', () => {
    expect(ROLES.filter((r) => canGrantRole(['owner'], r))).toEqual([...ROLES]);
    expect(ROLES.filter((r) => canGrantRole(['admin'], r))).toEqual(['admin', 'soc_lead', 'analyst', 'viewer', 'auditor']);
    expect(canGrantRole(['analyst'], 'soc_lead')).toBe(false);
    expect(canGrantRole([], 'viewer')).toBe(false);
    expect(canGrantRole(['viewer', 'admin'], 'owner')).toBe(false);
  });
});
