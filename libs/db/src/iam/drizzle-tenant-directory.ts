import { sql } from 'drizzle-orm';
import type { Clock } from '@soc/contracts';
import { isSocError, validation } from '@soc/errors';
import { type NewAuditEvent, appendAudit, requireActor } from '../detection/audit-repository';
import type { TenantScopes } from '../detection/tenant-scopes';
import { DbErrorCodes } from '../errors';
import { generateApiKey } from '../repositories/api-key-format';
import { insertApiKeyTx, validateCreate } from '../repositories/api-key-rows';
import { rebindTenant, rowsOf } from '../scope-runner';
import { type TenantRecord, toTenant } from '../system/system-operations';
import { isTenantId } from '../tenant-id';
import { tenantExists } from './iam-errors';
import { checkReason } from './iam-rows';
import type { CreatedChildTenant, NewChildTenant, TenantDirectory } from './tenant-directory';
import type { IamChange } from './user-repository';

type Row = Record<string, unknown>;

/** `TenantDirectory` over the tenant-bound functions of migration 0008. */
export class DrizzleTenantDirectory implements TenantDirectory {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock,
  ) {}

  visible(tenantId: string): Promise<TenantRecord[]> {
    return this.scopes.withTenant(tenantId, async (tx) => {
      // RLS shows soc_app its own tenants row; children come from the function bound to it.
      const own = rowsOf<Row>(await tx.execute(sql`SELECT id, name, parent_tenant_id, created_at FROM tenants`));
      const children = rowsOf<Row>(await tx.execute(sql`SELECT id, name, parent_tenant_id, created_at FROM soc_iam_child_tenants()`));
      return [...own, ...children].map(toTenant);
    });
  }

  async createChild(parentTenantId: string, input: NewChildTenant, change: IamChange): Promise<CreatedChildTenant> {
    if (!isTenantId(input.id)) throw validation('tenant id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}', { field: 'id' });
    if (typeof input.name !== 'string' || input.name.trim().length < 1 || input.name.length > 200) throw validation('tenant name must be 1..200 characters', { field: 'name' });
    const actor = requireActor(change.actor);
    const reason = checkReason(change.reason);
    const keyInput = { ...input.ownerKey, role: 'owner' as const, createdBy: actor };
    validateCreate(keyInput);
    const at = new Date(this.clock.now());
    const generated = generateApiKey();
    try {
      // One transaction: a child never exists without its owner key, nor without both records.
      return await this.scopes.withTenant(parentTenantId, async (tx) => {
        const rows = rowsOf<Row>(await tx.execute(sql`SELECT * FROM soc_iam_create_child_tenant(${input.id}, ${input.name.trim()}, ${at.toISOString()}::timestamptz)`));
        const tenant = toTenant(rows[0] as Row);
        const created: NewAuditEvent = { actor, action: 'iam.tenant.created', targetType: 'tenant', targetId: tenant.id, reason, details: { name: tenant.name, parentTenantId } };
        await appendAudit(tx, parentTenantId, at, [created]);
        await rebindTenant(tx, tenant.id);
        await appendAudit(tx, tenant.id, at, [created]);
        const key = await insertApiKeyTx(tx, tenant.id, keyInput, generated, at);
        return { tenant, ownerKey: { key, plaintext: generated.plaintext } };
      });
    } catch (err) {
      // The tenant id is the one unique key a caller chooses here (a 41-bit key prefix clash is left aside).
      if (isSocError(err, DbErrorCodes.CONFLICT)) throw tenantExists(input.id);
      throw err;
    }
  }

  async recordDelegatedRead(parentTenantId: string, childTenantId: string, record: NewAuditEvent): Promise<boolean> {
    if (!isTenantId(childTenantId) || childTenantId === parentTenantId) return false;
    const at = new Date(this.clock.now());
    return this.scopes.withTenant(parentTenantId, async (tx) => {
      const child = rowsOf<Row>(await tx.execute(sql`SELECT id FROM soc_iam_child_tenants() WHERE id = ${childTenantId}`));
      if (child.length === 0) return false;
      await rebindTenant(tx, childTenantId);
      await appendAudit(tx, childTenantId, at, [record]);
      return true;
    });
  }
}
