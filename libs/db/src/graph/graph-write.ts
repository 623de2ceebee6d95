import { and, eq, sql } from 'drizzle-orm';
import type { EdgeUpsert, EntityUpsert, GraphWatermark } from '@soc/graph';
import { MAX_EVIDENCE_REFS, watermarkConflict } from '@soc/graph';
import type { TenantTx } from '../drivers/driver';
import { graphWatermarks } from '../schema/graph';

/** Rows per statement: one JSON parameter each, so the limit is statement size, not bind parameters. */
const CHUNK = 5000;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Locks the tenant's watermark of `w.stream` and moves it to `w.next`. Returns false when the
 * stored position is already at or past `next` (the write was applied before); throws
 * SOC_ERR_GRAPH_WATERMARK_CONFLICT when it differs from `expected`. Runs first in the write's
 * transaction, so a rollback leaves the position where it was.
 */
export async function claimWatermark(tx: TenantTx, tenantId: string, w: GraphWatermark, now: Date): Promise<boolean> {
  // A fresh row is ours: a concurrent first writer blocks here until it commits, then we see its row.
  const created = await tx
    .insert(graphWatermarks)
    .values({ tenantId, stream: w.stream, position: w.next, updatedAt: now })
    .onConflictDoNothing()
    .returning({ position: graphWatermarks.position });
  if (created.length > 0) {
    if (w.expected !== null) throw watermarkConflict(w.stream, w.expected, null);
    return true;
  }
  const where = and(eq(graphWatermarks.tenantId, tenantId), eq(graphWatermarks.stream, w.stream));
  const [row] = await tx.select({ position: graphWatermarks.position }).from(graphWatermarks).where(where).for('update');
  const stored = row === undefined ? null : Number(row.position);
  if (stored !== null && stored >= w.next) return false;
  if (stored !== w.expected) throw watermarkConflict(w.stream, w.expected, stored);
  await tx.update(graphWatermarks).set({ position: w.next, updatedAt: now }).where(where);
  return true;
}

/**
 * Upserts entities: counts add, first/last seen widen, evidence merges newest first. Rows go
 * in key order so two writers touching the same keys lock them in the same order.
 */
export async function upsertEntities(tx: TenantTx, tenantId: string, rows: readonly EntityUpsert[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => ({ t: r.type, v: r.value, f: iso(r.firstSeen), l: iso(r.lastSeen), c: r.count, e: r.evidence })));
    await tx.execute(sql`
      INSERT INTO graph_entities AS g (tenant_id, type, value, first_seen, last_seen, count, evidence, updated_at)
      SELECT ${tenantId}, x.t, x.v, x.f, x.l, x.c, x.e, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${json}::jsonb) AS x(t text, v text, f timestamptz, l timestamptz, c bigint, e text[])
      ORDER BY x.t COLLATE "C", x.v COLLATE "C"
      ON CONFLICT (tenant_id, type, value) DO UPDATE SET
        first_seen = least(g.first_seen, excluded.first_seen),
        last_seen = greatest(g.last_seen, excluded.last_seen),
        count = g.count + excluded.count,
        evidence = soc_graph_merge_evidence(excluded.evidence, g.evidence, ${MAX_EVIDENCE_REFS}),
        updated_at = excluded.updated_at`);
  }
}

/** Upserts edges, like `upsertEntities`. */
export async function upsertEdges(tx: TenantTx, tenantId: string, rows: readonly EdgeUpsert[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(
      rows.slice(i, i + CHUNK).map((r) => ({ st: r.from.type, sv: r.from.value, r: r.rel, dt: r.to.type, dv: r.to.value, f: iso(r.firstSeen), l: iso(r.lastSeen), c: r.count, e: r.evidence })),
    );
    await tx.execute(sql`
      INSERT INTO graph_edges AS g (tenant_id, src_type, src_value, rel, dst_type, dst_value, first_seen, last_seen, count, evidence, updated_at)
      SELECT ${tenantId}, x.st, x.sv, x.r, x.dt, x.dv, x.f, x.l, x.c, x.e, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${json}::jsonb) AS x(st text, sv text, r text, dt text, dv text, f timestamptz, l timestamptz, c bigint, e text[])
      ORDER BY x.st COLLATE "C", x.sv COLLATE "C", x.r COLLATE "C", x.dt COLLATE "C", x.dv COLLATE "C"
      ON CONFLICT (tenant_id, src_type, src_value, rel, dst_type, dst_value) DO UPDATE SET
        first_seen = least(g.first_seen, excluded.first_seen),
        last_seen = greatest(g.last_seen, excluded.last_seen),
        count = g.count + excluded.count,
        evidence = soc_graph_merge_evidence(excluded.evidence, g.evidence, ${MAX_EVIDENCE_REFS}),
        updated_at = excluded.updated_at`);
  }
}
