import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TenantTx } from '../drivers/driver';
import { appendAudit } from '../detection/audit-repository';
import { toJsonbSafe } from '../repositories/jsonb-safe';
import { caseAlerts, cases } from '../schema/cases';
import type { CaseSnapshotInput, CaseUpsertReport } from './case-repository';
import { SEVERITY_RANK, caseTitle } from './case-rows';

/** 11 columns a row: far below the bind-parameter limit. */
const CHUNK = 1000;

/**
 * Write one snapshot in the caller's transaction. The case row takes the snapshot only when it
 * is newer (fusion's clock, then alert count), so redelivery and reordering are harmless;
 * alerts are inserted once and only ever extended. A new case gets a `case.opened` audit record;
 * a stored case that gains alerts or changes severity gets a `case.updated` one, and a closed
 * case that gains alerts is reopened (`case.reopened`): new evidence goes back to a person, a
 * resolved case to investigating and a false positive to triage, whatever the verdict was.
 */
export async function writeSnapshotTx(tx: TenantTx, tenantId: string, s: CaseSnapshotInput, actor: string, techniques: readonly string[], now: Date): Promise<CaseUpsertReport> {
  const snapshotAt = new Date(s.updatedAt);
  // Locked: an analyst's status change waits for this write, so the reopen decision below holds.
  const [prior] = await tx.select({ severity: cases.severity, status: cases.status }).from(cases).where(eq(cases.id, s.caseId)).for('update');
  const done = await tx
    .insert(cases)
    .values({
      tenantId,
      id: s.caseId,
      title: caseTitle(s),
      status: 'new',
      severity: s.severity,
      severityRank: SEVERITY_RANK[s.severity],
      severityReasons: [...s.severityReasons],
      owner: null,
      slaDueAt: null,
      tactics: [...s.tactics],
      techniques: [...new Set(techniques)].sort(),
      firstSeen: new Date(s.firstSeen),
      lastSeen: new Date(s.lastSeen),
      alertCount: s.alertCount,
      entities: toJsonbSafe(s.entities.map((e) => ({ type: e.type, value: e.value }))).value,
      snapshotAt,
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
      updatedBy: actor,
    })
    .onConflictDoUpdate({
      target: [cases.tenantId, cases.id],
      set: {
        title: sql`excluded.title`,
        severity: sql`excluded.severity`,
        severityRank: sql`excluded.severity_rank`,
        severityReasons: sql`excluded.severity_reasons`,
        tactics: sql`excluded.tactics`,
        techniques: sql`ARRAY(SELECT DISTINCT t FROM unnest(${cases.techniques} || excluded.techniques) AS t ORDER BY t)`,
        firstSeen: sql`least(${cases.firstSeen}, excluded.first_seen)`,
        lastSeen: sql`greatest(${cases.lastSeen}, excluded.last_seen)`,
        alertCount: sql`excluded.alert_count`,
        entities: sql`excluded.entities`,
        snapshotAt: sql`excluded.snapshot_at`,
        updatedAt: sql`excluded.updated_at`,
        updatedBy: sql`excluded.updated_by`,
      },
      setWhere: sql`excluded.snapshot_at > ${cases.snapshotAt} OR (excluded.snapshot_at = ${cases.snapshotAt} AND excluded.alert_count > ${cases.alertCount})`,
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  const added = await writeAlertsTx(tx, tenantId, s, snapshotAt);
  const row = done[0];
  if (row?.inserted) {
    await appendAudit(tx, tenantId, now, [
      { actor, action: 'case.opened', targetType: 'case', targetId: s.caseId, details: { severity: s.severity, alerts: s.timeline.map((a) => a.alertId) } },
    ]);
  } else if (row && (added.length > 0 || prior?.severity !== s.severity)) {
    const severity = prior?.severity === s.severity ? { severity: s.severity } : { severity: s.severity, severityFrom: prior?.severity ?? null };
    await appendAudit(tx, tenantId, now, [{ actor, action: 'case.updated', targetType: 'case', targetId: s.caseId, details: { ...severity, alertsAdded: added } }]);
    if (added.length > 0 && prior !== undefined && prior.status in REOPEN) await reopenIfClosed(tx, tenantId, s.caseId, added, actor, now);
  }
  return { outcome: row === undefined ? 'unchanged' : row.inserted ? 'created' : 'updated', alertsAdded: added.length };
}

/** Where a closed case goes when new alerts join it (the status ladder's reopen steps). */
const REOPEN = { resolved: 'investigating', false_positive: 'triaged' } as const;

/** One conditional UPDATE, so an analyst's change racing this write is never overwritten. */
async function reopenIfClosed(tx: TenantTx, tenantId: string, caseId: string, added: readonly string[], actor: string, now: Date): Promise<void> {
  const [row] = await tx
    .update(cases)
    .set({ status: sql`CASE ${cases.status} WHEN 'resolved' THEN ${REOPEN.resolved} ELSE ${REOPEN.false_positive} END`, updatedAt: now, updatedBy: actor })
    .where(and(eq(cases.id, caseId), inArray(cases.status, Object.keys(REOPEN))))
    .returning({ status: cases.status });
  if (!row) return;
  const from = row.status === REOPEN.resolved ? 'resolved' : 'false_positive';
  await appendAudit(tx, tenantId, now, [
    { actor, action: 'case.reopened', targetType: 'case', targetId: caseId, reason: `${added.length} new alert(s) joined the ${from} case`, details: { from, to: row.status, alerts: [...added] } },
  ]);
}

/** Inserts and extends the snapshot's alerts; returns the ids that joined with this write, in timeline order. */
async function writeAlertsTx(tx: TenantTx, tenantId: string, s: CaseSnapshotInput, joinedAt: Date): Promise<string[]> {
  const rows = s.timeline.map((a) => ({
    tenantId,
    caseId: s.caseId,
    alertId: a.alertId,
    ruleId: a.ruleId,
    ruleTitle: a.ruleTitle,
    level: a.level,
    count: a.count,
    firstSeen: new Date(a.firstSeen),
    lastSeen: new Date(a.lastSeen),
    joinedAt,
    reason: toJsonbSafe(a.reason ?? null).value,
    sourceAlertIds: [...(a.sourceAlertIds ?? [])],
  }));
  const added = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const done = await tx
      .insert(caseAlerts)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [caseAlerts.tenantId, caseAlerts.caseId, caseAlerts.alertId],
        set: {
          count: sql`greatest(${caseAlerts.count}, excluded.count)`,
          firstSeen: sql`least(${caseAlerts.firstSeen}, excluded.first_seen)`,
          lastSeen: sql`greatest(${caseAlerts.lastSeen}, excluded.last_seen)`,
          // The snapshot's list only grows (dedupe appends up to its cap), so the newer one wins.
          sourceAlertIds: sql`CASE WHEN cardinality(excluded.source_alert_ids) >= cardinality(${caseAlerts.sourceAlertIds}) THEN excluded.source_alert_ids ELSE ${caseAlerts.sourceAlertIds} END`,
        },
        setWhere: sql`excluded.count > ${caseAlerts.count} OR excluded.last_seen > ${caseAlerts.lastSeen} OR excluded.first_seen < ${caseAlerts.firstSeen}`,
      })
      .returning({ alertId: caseAlerts.alertId, inserted: sql<boolean>`(xmax = 0)` });
    for (const r of done) if (r.inserted) added.add(r.alertId);
  }
  return rows.filter((r) => added.has(r.alertId)).map((r) => r.alertId);
}
