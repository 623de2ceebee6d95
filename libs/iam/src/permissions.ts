import type { Role } from './roles';
import type { ApiKeyScope } from './scopes';

const ALL: readonly Role[] = ['owner', 'admin', 'soc_lead', 'analyst', 'viewer', 'auditor'];
const TRIAGE: readonly Role[] = ['owner', 'admin', 'soc_lead', 'analyst'];
const LEADS: readonly Role[] = ['owner', 'admin', 'soc_lead'];
const ADMINS: readonly Role[] = ['owner', 'admin'];
const AUDIT: readonly Role[] = ['owner', 'admin', 'auditor'];

/** What one permission allows, which roles hold it, and which key scope lets a key use it. */
export interface PermissionSpec {
  readonly description: string;
  /** The scope a key needs for this permission (`admin` scope covers every permission). */
  readonly scope: ApiKeyScope;
  readonly roles: readonly Role[];
}

/**
 * The role -> permission matrix, one row per permission. Every route names exactly one of
 * these. Permissions whose scope is `read` change nothing, so they are the only ones an MSSP
 * parent may use on a child tenant (delegated reads).
 */
export const PERMISSIONS = {
  'events:ingest': { description: 'Send events to /v1/ingest', scope: 'ingest', roles: ADMINS },
  'events:read': { description: 'Search and aggregate normalized events', scope: 'read', roles: ALL },
  'alerts:read': { description: 'List and read alerts', scope: 'read', roles: ALL },
  'cases:read': { description: 'List and read cases', scope: 'read', roles: ALL },
  'cases:update': { description: 'Change a case status and add notes', scope: 'write', roles: TRIAGE },
  'cases:assign': { description: 'Assign or unassign a case', scope: 'write', roles: LEADS },
  'cases:sla': { description: 'Set or clear a case SLA deadline', scope: 'write', roles: LEADS },
  'rules:read': { description: 'List and read detection rules, versions and exceptions', scope: 'read', roles: ALL },
  'rules:write': { description: 'Import, enable and disable rules; add and revoke exceptions', scope: 'write', roles: LEADS },
  // Read-only over the tenant's stored events (nothing is stored or alerted), but it runs
  // arbitrary rules at the caller's request, so it is an analyst's tool, not a viewer's.
  'rules:test': { description: 'Test rules on samples and stored events (retro-hunt)', scope: 'read', roles: TRIAGE },
  'entities:read': { description: 'Read entities and their relations', scope: 'read', roles: ALL },
  'dead_letters:read': { description: 'List rejected records and messages', scope: 'read', roles: ADMINS },
  'audit:read': { description: 'List and export the audit trail', scope: 'read', roles: AUDIT },
  'audit:verify': { description: 'Recompute the audit hash chain', scope: 'read', roles: AUDIT },
  'tenants:read': { description: 'See the own tenant and its child tenants', scope: 'read', roles: ALL },
  'tenants:manage': { description: 'Create child tenants', scope: 'admin', roles: ['owner'] },
  'users:manage': { description: 'Create, list and disable users; grant and revoke roles', scope: 'admin', roles: ADMINS },
  'keys:manage': { description: 'Create, list and revoke API keys', scope: 'admin', roles: ADMINS },
} as const satisfies Record<string, PermissionSpec>;

/** One permission, `<resource>:<action>`. */
export type Permission = keyof typeof PERMISSIONS;

/** Every permission, in catalog order. */
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** True when `s` names a permission in the catalog. */
export function isPermission(s: unknown): s is Permission {
  return typeof s === 'string' && Object.hasOwn(PERMISSIONS, s);
}

/** A read changes nothing: the only kind of permission usable on a child tenant by its parent. */
export function isReadPermission(p: Permission): boolean {
  return PERMISSIONS[p].scope === 'read';
}
