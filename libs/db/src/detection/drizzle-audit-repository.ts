import { type SQL, and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { type Clock, systemClock } from '@soc/contracts';
import { validation } from '@soc/errors';
import { auditEvents } from '../schema/detection';
import { type AuditChainReport, AuditChainVerifier, type StoredAuditLink } from './audit-chain';
import { type AuditEvent, type AuditFilter, type AuditListOptions, type AuditPage, type AuditPageOptions, type AuditRepository, type NewAuditEvent, appendAudit, requireActor } from './audit-repository';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';
import type { TenantScopes } from './tenant-scopes';

const CURSOR_KIND = 'audit-events';
/** Rows per round trip when exporting or verifying: large enough to amortise, small enough to stream. */
const SCAN_PAGE = 1000;

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw validation('limit must be an integer in 1..1000', { field: 'limit' });
  return limit;
}

function filterWhere(f: AuditFilter, afterSeq: number | undefined): SQL | undefined {
  return and(
    f.actor === undefined ? undefined : eq(auditEvents.actor, f.actor),
    f.action === undefined ? undefined : eq(auditEvents.action, f.action),
    f.targetType === undefined ? undefined : eq(auditEvents.targetType, f.targetType),
    f.targetId === undefined ? undefined : eq(auditEvents.targetId, f.targetId),
    f.from === undefined ? undefined : gte(auditEvents.at, f.from),
    f.to === undefined ? undefined : lt(auditEvents.at, f.to),
    afterSeq === undefined ? undefined : gt(auditEvents.seq, afterSeq),
  );
}

/** `AuditRepository` on drizzle; reads run as soc_app in the tenant's RLS scope. */
export class DrizzleAuditRepository implements AuditRepository {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock = systemClock,
  ) {}

  async record(tenantId: string, event: NewAuditEvent): Promise<void> {
    requireActor(event.actor);
    const at = new Date(this.clock.now());
    await this.scopes.withTenant(tenantId, (tx) => appendAudit(tx, tenantId, at, [event]));
  }

  async list(tenantId: string, options: AuditListOptions = {}): Promise<AuditEvent[]> {
    return this.select(tenantId, filterWhere(options, options.afterSeq), checkLimit(options.limit ?? 100));
  }

  async page(tenantId: string, options: AuditPageOptions = {}): Promise<AuditPage> {
    const limit = checkLimit(options.limit ?? 100);
    // seq is unique per tenant, so it alone is the keyset; the id only makes the cursor self-describing.
    const after = options.cursor === undefined ? undefined : (decodeKeysetCursor(CURSOR_KIND, options.cursor, 'number').key as number);
    const items = await this.select(tenantId, filterWhere(options, after), limit + 1);
    if (items.length <= limit) return { items };
    items.length = limit;
    const last = items[limit - 1] as AuditEvent;
    return { items, nextCursor: encodeKeysetCursor(CURSOR_KIND, { key: last.seq, id: last.id }) };
  }

  async *iterate(tenantId: string, filter: AuditFilter = {}): AsyncIterable<AuditEvent> {
    let after: number | undefined;
    for (;;) {
      const rows = await this.select(tenantId, filterWhere(filter, after), SCAN_PAGE);
      yield* rows;
      if (rows.length < SCAN_PAGE) return;
      after = (rows[rows.length - 1] as AuditEvent).seq;
    }
  }

  async verifyChain(tenantId: string): Promise<AuditChainReport> {
    const verifier = new AuditChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.scopes.withTenant(tenantId, (tx) =>
        tx
          .select({
            seq: auditEvents.seq,
            id: auditEvents.id,
            tenantId: auditEvents.tenantId,
            actor: auditEvents.actor,
            action: auditEvents.action,
            targetType: auditEvents.targetType,
            targetId: auditEvents.targetId,
            reason: auditEvents.reason,
            // jsonb's own rendering is the canonical form the hash covers.
            detailsText: sql<string>`${auditEvents.details}::text`,
            at: auditEvents.at,
            prevHash: auditEvents.prevHash,
            hash: auditEvents.hash,
          })
          .from(auditEvents)
          .where(gt(auditEvents.seq, after))
          .orderBy(asc(auditEvents.seq))
          .limit(SCAN_PAGE),
      );
      if (!verifier.feed(rows as StoredAuditLink[]) || rows.length < SCAN_PAGE) return verifier.report();
      after = (rows[rows.length - 1] as StoredAuditLink).seq;
    }
  }

  private async select(tenantId: string, where: SQL | undefined, limit: number): Promise<AuditEvent[]> {
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx.select().from(auditEvents).where(where).orderBy(asc(auditEvents.seq)).limit(limit),
    );
    return rows.map((r) => ({ ...r, details: r.details as Record<string, unknown> }));
  }
}
