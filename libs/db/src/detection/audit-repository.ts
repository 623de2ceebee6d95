import { sql } from 'drizzle-orm';
import { uuidv7 } from '@soc/contracts';
import { validation } from '@soc/errors';
import type { TenantTx } from '../drivers/driver';
import { toJsonbSafe } from '../repositories/jsonb-safe';
import type { AuditChainReport } from './audit-chain';
import type { AuditAction } from './audit-actions';

/** One audit record to append. `action` is `<domain>.<entity>.<past-tense>`, e.g. `detection.rule.enabled`. */
export interface NewAuditEvent {
  readonly actor: string;
  /** From the catalog (audit-actions.ts), which docs/audit.md explains. */
  readonly action: AuditAction;
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
  /** The previous record's `hash` (64 zeros for seq 1); set by the database. */
  readonly prevHash: string;
  /** SHA-256 over this record's canonical text and `prevHash` (see audit-chain.ts); set by the database. */
  readonly hash: string;
}

/** Filters shared by `list`, `page` and `iterate`; all optional, combined with AND. */
export interface AuditFilter {
  readonly actor?: string;
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** `at` inclusive. */
  readonly from?: Date;
  /** `at` exclusive. */
  readonly to?: Date;
}

/** Options of `AuditRepository.list`. */
export interface AuditListOptions extends AuditFilter {
  /** Only records with a greater seq (resume point). */
  readonly afterSeq?: number;
  /** 1..1000, default 100. */
  readonly limit?: number;
}

/** Options of `AuditRepository.page`: a filter, a page size and an opaque cursor. */
export interface AuditPageOptions extends AuditFilter {
  /** 1..1000, default 100. */
  readonly limit?: number;
  /** `nextCursor` of the previous page; SOC_ERR_CURSOR_INVALID when malformed. */
  readonly cursor?: string;
}

/** One page, oldest first; `nextCursor` is present when more records may follow. */
export interface AuditPage {
  readonly items: AuditEvent[];
  readonly nextCursor?: string;
}

/** The audit trail, read side. Writes happen inside the transaction of the change they record. */
export interface AuditRepository {
  /** Oldest first by seq. */
  list(tenantId: string, options?: AuditListOptions): Promise<AuditEvent[]>;
  /** Oldest first by seq, with a keyset cursor. */
  page(tenantId: string, options?: AuditPageOptions): Promise<AuditPage>;
  /** Every matching record, oldest first, read in pages (for NDJSON export). */
  iterate(tenantId: string, filter?: AuditFilter): AsyncIterable<AuditEvent>;
  /**
   * Recompute the tenant's hash chain outside the database, in pages, and report the first
   * broken link (a record edited or removed in place).
   */
  verifyChain(tenantId: string): Promise<AuditChainReport>;
  /** Appends one record on its own (an action with no other write, such as an export), at the repository clock's time. */
  record(tenantId: string, event: NewAuditEvent): Promise<void>;
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
