import { type SQL, and, asc, eq, gte, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { type Clock, systemClock, uuidv7 } from '@soc/contracts';
import { SocError, notFound, validation } from '@soc/errors';
import type { TenantTx } from '../drivers/driver';
import { DbErrorCodes } from '../errors';
import type { AlertLevelName } from '../detection/alert-repository';
import type { AuditAction } from '../detection/audit-actions';
import { appendAudit, requireActor } from '../detection/audit-repository';
import type { EntityKey } from '../detection/alert-repository';
import { entityContained } from '../detection/entity-contained';
import { decodeKeysetCursor, encodeKeysetCursor } from '../detection/keyset-cursor';
import { requireReason } from '../detection/rule-exceptions';
import type { TenantScopes } from '../detection/tenant-scopes';
import { caseAlerts, caseNotes, cases } from '../schema/cases';
import {
  CASE_STATUSES,
  type Case,
  type CaseChangeContext,
  type CaseDetail,
  type CaseListOptions,
  type CaseNote,
  type CasePage,
  type CaseRepository,
  type CaseSnapshotInput,
  type CaseSort,
  type CaseStatus,
  type CaseUpsertOptions,
  type CaseUpsertReport,
} from './case-repository';
import { SEVERITY_RANK, checkSnapshot, requireText, toCase, toCaseAlert, toCaseNote } from './case-rows';
import { writeSnapshotTx } from './case-snapshot-write';
import { assertTransition } from './case-status';

const MAX_LIMIT = 1000;
const DEFAULT_ACTOR = 'system:fusion';
const SORT_COLUMNS = { lastSeen: cases.lastSeen, createdAt: cases.createdAt, severity: cases.severityRank } as const;

type Row = typeof cases.$inferSelect;
/** One analyst-owned column change: its audit action, the stored and new values, and the update. */
interface FieldChange {
  readonly action: AuditAction;
  readonly current: (r: Row) => string | null;
  readonly next: string | null;
  /** Refuses the change given the stored row (the status ladder); runs under the row lock. */
  readonly check?: (r: Row) => void;
  readonly set: Partial<Pick<Row, 'status' | 'owner' | 'slaDueAt'>>;
}

/** `CaseRepository` on drizzle; every call in the tenant's RLS scope, every change audited in its transaction. */
export class DrizzleCaseRepository implements CaseRepository {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock = systemClock,
  ) {}

  async upsertFromSnapshot(tenantId: string, snapshot: CaseSnapshotInput, options: CaseUpsertOptions = {}): Promise<CaseUpsertReport> {
    checkSnapshot(snapshot);
    const actor = requireActor(options.actor ?? DEFAULT_ACTOR);
    const now = new Date(this.clock.now());
    return this.scopes.withTenant(tenantId, (tx) => writeSnapshotTx(tx, tenantId, snapshot, actor, options.techniques ?? [], now));
  }

  async get(tenantId: string, caseId: string): Promise<CaseDetail | null> {
    return this.scopes.withTenant(tenantId, async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, caseId));
      if (!row) return null;
      const alertRows = await tx.select().from(caseAlerts).where(eq(caseAlerts.caseId, caseId)).orderBy(asc(caseAlerts.firstSeen), sql`${caseAlerts.alertId} COLLATE "C"`);
      const noteRows = await tx.select().from(caseNotes).where(eq(caseNotes.caseId, caseId)).orderBy(asc(caseNotes.createdAt), sql`${caseNotes.id} COLLATE "C"`);
      return { ...toCase(row), alerts: alertRows.map(toCaseAlert), notes: noteRows.map(toCaseNote) };
    });
  }

  async list(tenantId: string, options: CaseListOptions = {}): Promise<CasePage> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw validation(`limit must be an integer in 1..${MAX_LIMIT}`, { field: 'limit' });
    const sort: CaseSort = options.sort ?? 'lastSeen';
    if (!(sort in SORT_COLUMNS)) throw validation('sort must be lastSeen, createdAt or severity', { field: 'sort' });
    const desc = (options.order ?? 'desc') === 'desc';
    const kind = `cases:${sort}:${desc ? 'desc' : 'asc'}`;
    const conditions = listConditions(options, new Date(this.clock.now()));
    const col = SORT_COLUMNS[sort];
    if (options.cursor !== undefined) {
      const c = decodeKeysetCursor(kind, options.cursor, 'number');
      const key = sort === 'severity' ? sql`${Number(c.key)}::smallint` : sql`${new Date(Number(c.key)).toISOString()}::timestamptz`;
      conditions.push(desc ? sql`(${col}, ${cases.id} COLLATE "C") < (${key}, ${c.id})` : sql`(${col}, ${cases.id} COLLATE "C") > (${key}, ${c.id})`);
    }
    const dir = desc ? sql`DESC` : sql`ASC`;
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(cases)
        .where(and(...conditions))
        .orderBy(sql`${col} ${dir}`, sql`${cases.id} COLLATE "C" ${dir}`)
        .limit(limit + 1),
    );
    const items = rows.slice(0, limit).map(toCase);
    const last = rows[limit - 1];
    const key = (r: Row): number => (sort === 'severity' ? r.severityRank : sort === 'createdAt' ? r.createdAt.getTime() : r.lastSeen.getTime());
    return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(kind, { key: key(last), id: last.id }) : null };
  }

  async listByEntity(tenantId: string, entity: EntityKey, limit: number): Promise<Case[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw validation(`limit must be an integer in 1..${MAX_LIMIT}`, { field: 'limit' });
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select()
        .from(cases)
        .where(and(entityContained(cases.entities, entity), isNull(cases.mergedInto)))
        .orderBy(sql`${cases.lastSeen} DESC`, sql`${cases.id} COLLATE "C" DESC`)
        .limit(limit),
    );
    return rows.map(toCase);
  }

  async setStatus(tenantId: string, caseId: string, status: CaseStatus, change: CaseChangeContext): Promise<Case> {
    if (!CASE_STATUSES.includes(status)) throw validation(`status must be one of ${CASE_STATUSES.join(', ')}`, { field: 'status' });
    return this.changeField(tenantId, caseId, change, { action: 'case.status.changed', current: (r) => r.status, next: status, check: (r) => assertTransition(r.status as CaseStatus, status), set: { status } });
  }

  async assign(tenantId: string, caseId: string, owner: string | null, change: CaseChangeContext): Promise<Case> {
    if (owner !== null) requireText(owner, 'owner', 200);
    return this.changeField(tenantId, caseId, change, { action: 'case.owner.changed', current: (r) => r.owner, next: owner, set: { owner } });
  }

  async setSla(tenantId: string, caseId: string, dueAt: Date | null, change: CaseChangeContext): Promise<Case> {
    if (dueAt !== null && !(dueAt instanceof Date && Number.isFinite(dueAt.getTime()))) throw validation('dueAt must be a valid date or null', { field: 'dueAt' });
    const next = dueAt === null ? null : dueAt.toISOString();
    return this.changeField(tenantId, caseId, change, { action: 'case.sla.changed', current: (r) => r.slaDueAt?.toISOString() ?? null, next, set: { slaDueAt: dueAt } });
  }

  async addNote(tenantId: string, caseId: string, note: { readonly author: string; readonly body: string }): Promise<CaseNote> {
    const author = requireActor(note.author);
    const body = requireText(note.body, 'body', 20_000);
    const at = new Date(this.clock.now());
    return this.scopes.withTenant(tenantId, async (tx) => {
      await lockCase(tx, caseId);
      const [row] = await tx.insert(caseNotes).values({ tenantId, id: uuidv7(at.getTime()), caseId, author, body, createdAt: at }).returning();
      if (!row) throw new Error('insert returned no row');
      await appendAudit(tx, tenantId, at, [{ actor: author, action: 'case.note.added', targetType: 'case', targetId: caseId, details: { noteId: row.id, chars: body.length } }]);
      return toCaseNote(row);
    });
  }

  async markMerged(tenantId: string, caseId: string, intoCaseId: string, change: CaseChangeContext): Promise<Case> {
    const actor = requireActor(change.actor);
    const reason = requireReason(change.reason);
    requireText(intoCaseId, 'intoCaseId', 200);
    if (caseId === intoCaseId) throw validation('a case cannot be merged into itself', { field: 'intoCaseId' });
    const at = new Date(this.clock.now());
    return this.scopes.withTenant(tenantId, async (tx) => {
      const row = await lockCase(tx, caseId);
      if (row.mergedInto === intoCaseId) return toCase(row);
      if (row.mergedInto !== null) {
        throw new SocError(DbErrorCodes.CONFLICT, `case ${caseId} is already merged into ${row.mergedInto}`, { httpStatus: 409, details: { caseId, mergedInto: row.mergedInto } });
      }
      const [into] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, intoCaseId));
      if (!into) throw notFound(`no case ${intoCaseId}`);
      const [updated] = await tx.update(cases).set({ mergedInto: intoCaseId, updatedAt: at, updatedBy: actor }).where(eq(cases.id, caseId)).returning();
      if (!updated) throw notFound(`no case ${caseId}`);
      await appendAudit(tx, tenantId, at, [{ actor, action: 'case.merged', targetType: 'case', targetId: caseId, reason, details: { from: caseId, into: intoCaseId } }]);
      return toCase(updated);
    });
  }

  /** Lock the case, compare, update and audit in one transaction; an unchanged value writes nothing. */
  private async changeField(tenantId: string, caseId: string, change: CaseChangeContext, f: FieldChange): Promise<Case> {
    const actor = requireActor(change.actor);
    const reason = requireReason(change.reason);
    const at = new Date(this.clock.now());
    return this.scopes.withTenant(tenantId, async (tx) => {
      const row = await lockCase(tx, caseId);
      const from = f.current(row);
      if (from === f.next) return toCase(row);
      f.check?.(row);
      const [updated] = await tx.update(cases).set({ ...f.set, updatedAt: at, updatedBy: actor }).where(eq(cases.id, caseId)).returning();
      if (!updated) throw notFound(`no case ${caseId}`);
      await appendAudit(tx, tenantId, at, [{ actor, action: f.action, targetType: 'case', targetId: caseId, reason, details: { from, to: f.next } }]);
      return toCase(updated);
    });
  }
}

/** The case row, locked against concurrent analyst changes; SOC_ERR_NOT_FOUND when absent. */
async function lockCase(tx: TenantTx, caseId: string): Promise<Row> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!row) throw notFound(`no case ${caseId}`);
  return row;
}

/** Statuses that close a case: an SLA no longer runs on them. */
const CLOSED: readonly CaseStatus[] = ['resolved', 'false_positive'];

function listConditions(o: CaseListOptions, now: Date): SQL[] {
  const out: SQL[] = [];
  if (o.statuses !== undefined && o.statuses.length > 0) out.push(inArray(cases.status, [...o.statuses]));
  if (o.severities !== undefined && o.severities.length > 0) {
    for (const s of o.severities) if (!(s in SEVERITY_RANK)) throw validation('unknown severity', { field: 'severities' });
    out.push(inArray(cases.severity, [...o.severities] as AlertLevelName[]));
  }
  if (o.owner === null) out.push(isNull(cases.owner));
  else if (o.owner !== undefined) out.push(eq(cases.owner, o.owner));
  if (o.from !== undefined) out.push(gte(cases.lastSeen, o.from));
  if (o.to !== undefined) out.push(lt(cases.lastSeen, o.to));
  if (o.includeMerged !== true) out.push(isNull(cases.mergedInto));
  if (o.slaBreached === true) out.push(and(lt(cases.slaDueAt, now), notInArray(cases.status, [...CLOSED])) as SQL);
  return out;
}
