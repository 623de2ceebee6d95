import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { uuidv7 } from '@soc/contracts';
import { validation } from '@soc/errors';
import type { TenantTx } from '../drivers/driver';
import { toJsonbSafe } from '../repositories/jsonb-safe';
import { auditEvents } from '../schema/detection';
import type { TenantScopes } from './tenant-scopes';

/** One audit record to append. `action` is `<domain>.<entity>.<past-tense>`, e.g. `detection.rule.enabled`. */
export interface NewAuditEvent {
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly reason?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A stored audit record; `seq` increases by one per tenant with no gaps. */
export interface AuditEvent {
  readonly id: string;
  readonly tenantId: string;
  readonly seq: number;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

/** Filters for `AuditRepository.list`. */
export interface AuditListOptions {
  readonly targetType?: string;
  readonly targetId?: string;
  /** Only records with a greater seq (resume point). */
  readonly afterSeq?: number;
  /** 1..1000, default 100. */
  readonly limit?: number;
}

/** The audit trail, read side. Writes happen inside the transaction of the change they record. */
export interface AuditRepository {
  /** Oldest first by seq. */
  list(tenantId: string, options?: AuditListOptions): Promise<AuditEvent[]>;
}

const INSERT_CHUNK = 2000;

/**
 * Append audit records in the caller's transaction, so a change and its record commit or roll
 * back together. The database assigns `seq`.
 */
export async function appendAudit(tx: TenantTx, tenantId: string, at: Date, events: readonly NewAuditEvent[]): Promise<void> {
  const rows = events.map((e) => ({
    id: uuidv7(at.getTime()),
    actor: requireActor(e.actor),
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    reason: e.reason ?? null,
    details: toJsonbSafe(e.details ?? {}).value,
  }));
  // One json parameter per chunk, expanded server-side: see rule-import.ts for why. WITH
  // ORDINALITY keeps the rows' order, so seq follows the order the events were given in.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.execute(sql`
      INSERT INTO audit_events (id, tenant_id, actor, action, target_type, target_id, reason, details, at)
      SELECT e.id, ${tenantId}, e.actor, e.action, e.target_type, e.target_id, e.reason, e.details, ${at.toISOString()}::timestamptz
        FROM ROWS FROM (json_to_recordset(${JSON.stringify(rows.slice(i, i + INSERT_CHUNK))}::json)
             AS (id text, actor text, action text, target_type text, target_id text, reason text, details jsonb))
             WITH ORDINALITY AS e(id, actor, action, target_type, target_id, reason, details, n)
       ORDER BY e.n`);
  }
}

/** Validates the actor every state change must name. */
export function requireActor(actor: string): string {
  if (typeof actor !== 'string' || actor.trim().length === 0 || actor.length > 200) {
    throw validation('actor must be 1..200 characters', { field: 'actor' });
  }
  return actor;
}

/** `AuditRepository` on drizzle. */
export class DrizzleAuditRepository implements AuditRepository {
  constructor(private readonly scopes: TenantScopes) {}

  async list(tenantId: string, options: AuditListOptions = {}): Promise<AuditEvent[]> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw validation('limit must be an integer in 1..1000', { field: 'limit' });
    const where = and(
      options.targetType === undefined ? undefined : eq(auditEvents.targetType, options.targetType),
      options.targetId === undefined ? undefined : eq(auditEvents.targetId, options.targetId),
      options.afterSeq === undefined ? undefined : gt(auditEvents.seq, options.afterSeq),
    );
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx.select().from(auditEvents).where(where).orderBy(asc(auditEvents.seq)).limit(limit),
    );
    return rows.map((r) => ({ ...r, details: r.details as Record<string, unknown> }));
  }
}
