import { type SQL, and, arrayContains, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { type Clock, systemClock } from '@soc/contracts';
import { validation } from '@soc/errors';
import { toJsonbSafe } from '../repositories/jsonb-safe';
import { type NewAuditEvent, appendAudit } from './audit-repository';
import { entityContained } from './entity-contained';
import { alerts } from '../schema/detection';
import type { Alert, AlertInsertReport, AlertLevelName, AlertListOptions, AlertPage, AlertRepository, AlertStatus, EntityKey, NewAlert } from './alert-repository';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';
import type { TenantScopes } from './tenant-scopes';

const CURSOR_KIND = 'alerts';
/** 25 columns a row: 500 rows stay well under the bind-parameter limit. */
const CHUNK = 500;
const MAX_LIMIT = 1000;
const SEVERITY: Readonly<Record<AlertLevelName, number>> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };

type Row = typeof alerts.$inferSelect;

/** Of two records with one id, the later sighting: later lastSeen, then larger count. */
function later(a: NewAlert, b: NewAlert): NewAlert {
  const d = b.lastSeen.getTime() - a.lastSeen.getTime();
  return d > 0 || (d === 0 && b.count > a.count) ? b : a;
}

function checkAlert(a: NewAlert): void {
  if (typeof a.id !== 'string' || a.id.length < 1 || a.id.length > 200) throw validation('alert id must be 1..200 characters', { field: 'id' });
  if (!(a.level in SEVERITY)) throw validation('unknown alert level', { field: 'level', id: a.id });
  if (!Number.isInteger(a.count) || a.count < 1) throw validation('count must be a positive integer', { field: 'count', id: a.id });
  if (a.firstSeen.getTime() > a.lastSeen.getTime()) throw validation('firstSeen is after lastSeen', { field: 'firstSeen', id: a.id });
}

function evidenceIds(a: NewAlert): string[] {
  if (a.evidenceEventIds) return [...a.evidenceEventIds];
  const out: string[] = [];
  for (const e of a.evidence) {
    const id = e !== null && typeof e === 'object' ? (e as { eventId?: unknown }).eventId : undefined;
    if (typeof id === 'string') out.push(id);
  }
  return out;
}

function toRow(tenantId: string, a: NewAlert, now: Date): typeof alerts.$inferInsert {
  return {
    tenantId,
    id: a.id,
    kind: a.kind,
    ruleId: a.ruleId,
    ruleVersion: a.ruleVersion ?? null,
    origin: a.origin ?? null,
    author: a.author ?? null,
    title: a.title,
    level: a.level,
    severityId: a.severityId ?? SEVERITY[a.level],
    time: a.time,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    count: a.count,
    techniques: [...a.techniques],
    tactics: [...a.tactics],
    entities: toJsonbSafe(a.entities).value,
    evidence: toJsonbSafe(a.evidence).value,
    evidenceEventIds: evidenceIds(a),
    finding: toJsonbSafe(a.finding).value,
    suppressedBy: a.suppressedBy ?? null,
    status: 'new',
    createdAt: now,
    updatedAt: now,
  };
}

function toAlert(r: Row): Alert {
  return {
    ...r,
    kind: r.kind as Alert['kind'],
    level: r.level as AlertLevelName,
    status: r.status as AlertStatus,
    entities: r.entities as unknown[],
    evidence: r.evidence as unknown[],
    finding: r.finding as Record<string, unknown>,
  };
}

/** `AlertRepository` on drizzle; every call in the tenant's RLS scope. */
export class DrizzleAlertRepository implements AlertRepository {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock = systemClock,
  ) {}

  async insertMany(tenantId: string, batch: readonly NewAlert[]): Promise<AlertInsertReport> {
    if (batch.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const byId = new Map<string, NewAlert>();
    for (const a of batch) {
      checkAlert(a);
      const seen = byId.get(a.id);
      byId.set(a.id, seen ? later(seen, a) : a);
    }
    const now = new Date(this.clock.now());
    const rows = [...byId.values()].map((a) => toRow(tenantId, a, now));
    const order = new Map(rows.map((r, i) => [r.id, i]));
    return this.scopes.withTenant(tenantId, async (tx) => {
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const done = await tx
          .insert(alerts)
          .values(rows.slice(i, i + CHUNK))
          .onConflictDoUpdate({
            target: [alerts.tenantId, alerts.id],
            set: {
              firstSeen: sql`least(${alerts.firstSeen}, excluded.first_seen)`,
              lastSeen: sql`excluded.last_seen`,
              count: sql`excluded.count`,
              entities: sql`excluded.entities`,
              evidence: sql`excluded.evidence`,
              evidenceEventIds: sql`excluded.evidence_event_ids`,
              finding: sql`excluded.finding`,
              suppressedBy: sql`excluded.suppressed_by`,
              updatedAt: sql`excluded.updated_at`,
            },
            setWhere: sql`excluded.last_seen > ${alerts.lastSeen} OR (excluded.last_seen = ${alerts.lastSeen} AND excluded.count > ${alerts.count})`,
          })
          // xmax is 0 for a freshly inserted row version and set for one produced by the update.
          .returning({ id: alerts.id, inserted: sql<boolean>`(xmax = 0)` });
        // In batch order: RETURNING order is not guaranteed, the chain's order should be.
        const raised = done.filter((r) => r.inserted).sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
        inserted += raised.length;
        updated += done.length - raised.length;
        // A new alert is a decision the system took: it joins the tenant's audit chain in the
        // same transaction. Later sightings of it (updates) are data, not decisions.
        if (raised.length > 0) await appendAudit(tx, tenantId, now, raised.map((r) => raisedAudit(byId.get(r.id) as NewAlert)));
      }
      return { inserted, updated, unchanged: batch.length - inserted - updated };
    });
  }

  async list(tenantId: string, options: AlertListOptions = {}): Promise<AlertPage> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw validation(`limit must be an integer in 1..${MAX_LIMIT}`, { field: 'limit' });
    const conditions = listConditions(options);
    if (options.cursor !== undefined) {
      const c = decodeKeysetCursor(CURSOR_KIND, options.cursor, 'number');
      conditions.push(sql`(${alerts.time}, ${alerts.id} COLLATE "C") < (${new Date(Number(c.key)).toISOString()}::timestamptz, ${c.id})`);
    }
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(alerts)
        .where(and(...conditions))
        .orderBy(sql`${alerts.time} DESC`, sql`${alerts.id} COLLATE "C" DESC`)
        .limit(limit + 1),
    );
    const items = rows.slice(0, limit).map(toAlert);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(CURSOR_KIND, { key: last.time.getTime(), id: last.id }) : null };
  }

  async get(tenantId: string, id: string): Promise<Alert | null> {
    const rows = await this.scopes.withTenant(tenantId, (tx) => tx.select().from(alerts).where(eq(alerts.id, id)));
    return rows[0] ? toAlert(rows[0]) : null;
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Alert[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    if (wanted.length > MAX_GET_MANY) throw validation(`at most ${MAX_GET_MANY} alert ids per call`, { field: 'ids' });
    const rows = await this.scopes.withTenant(tenantId, (tx) => tx.select().from(alerts).where(inArray(alerts.id, wanted)));
    const order = new Map(wanted.map((id, i) => [id, i]));
    return rows.map(toAlert).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  async listByEntity(tenantId: string, entity: EntityKey, limit: number): Promise<Alert[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw validation(`limit must be an integer in 1..${MAX_LIMIT}`, { field: 'limit' });
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(alerts)
        .where(entityContained(alerts.entities, entity))
        .orderBy(sql`${alerts.time} DESC`, sql`${alerts.id} COLLATE "C" DESC`)
        .limit(limit),
    );
    return rows.map(toAlert);
  }
}

/** Ids per `getMany`: a case's alerts, well under the bind-parameter limit. */
const MAX_GET_MANY = 1000;

function listConditions(o: AlertListOptions): SQL[] {
  const out: SQL[] = [];
  if (o.from !== undefined) out.push(gte(alerts.time, o.from));
  if (o.to !== undefined) out.push(lt(alerts.time, o.to));
  if (o.levels !== undefined && o.levels.length > 0) out.push(inArray(alerts.level, [...o.levels]));
  if (o.statuses !== undefined && o.statuses.length > 0) out.push(inArray(alerts.status, [...o.statuses]));
  if (o.ruleId !== undefined) out.push(eq(alerts.ruleId, o.ruleId));
  if (o.technique !== undefined) out.push(arrayContains(alerts.techniques, [o.technique]));
  if (o.text !== undefined && o.text.length > 0) out.push(sql`strpos(lower(${alerts.title}), ${o.text.toLowerCase()}) > 0`);
  if (o.suppressed === true) out.push(isNotNull(alerts.suppressedBy));
  if (o.suppressed === false) out.push(isNull(alerts.suppressedBy));
  return out;
}

/** Actor of alerts the detection service raises. */
const DETECTION_ACTOR = 'system:detection';

function raisedAudit(a: NewAlert): NewAuditEvent {
  return {
    actor: DETECTION_ACTOR,
    action: 'alert.raised',
    targetType: 'alert',
    targetId: a.id,
    details: { kind: a.kind, ruleId: a.ruleId, level: a.level, evidence: a.evidenceEventIds?.length ?? a.evidence.length, ...(a.suppressedBy ? { suppressedBy: a.suppressedBy } : {}) },
  };
}
