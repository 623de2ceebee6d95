import { type SQL, and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { type Clock, systemClock } from '@soc/contracts';
import { notFound, validation } from '@soc/errors';
import { detectionExceptions, detectionRuleVersions, detectionRules } from '../schema/detection';
import { appendAudit, requireActor } from './audit-repository';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';
import { addExceptionTx, checkNewException, requireReason, revokeExceptionTx } from './rule-exceptions';
import { importRulesTx } from './rule-import';
import { lockTenantRules, toException, toRule } from './rule-rows';
import type {
  ChangeContext,
  DetectionRule,
  DetectionRuleWithYaml,
  EnabledRuleSet,
  ExceptionListOptions,
  ImportRulesInput,
  NewRuleException,
  RuleException,
  RuleImportResult,
  RuleListOptions,
  RulePage,
  RuleRepository,
  RuleVersion,
  RuleVersionInfo,
} from './rule-repository';
import { RULE_ORIGINS } from './rule-repository';
import { enabledRuleSetTx, ruleSetVersionTx } from './rule-set';
import type { TenantScopes } from './tenant-scopes';

const CURSOR_KIND = 'rules';
const MAX_LIMIT = 1000;

const VERSION_INFO = {
  ruleId: detectionRuleVersions.ruleId,
  version: detectionRuleVersions.version,
  sha256: detectionRuleVersions.sha256,
  sourcePath: detectionRuleVersions.sourcePath,
  createdAt: detectionRuleVersions.createdAt,
  createdBy: detectionRuleVersions.createdBy,
};

/** `RuleRepository` on drizzle; every call runs in the tenant's RLS scope. */
export class DrizzleRuleRepository implements RuleRepository {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock = systemClock,
  ) {}

  private now(): Date {
    return new Date(this.clock.now());
  }

  async importRules(tenantId: string, input: ImportRulesInput): Promise<RuleImportResult[]> {
    requireActor(input.actor);
    if (!RULE_ORIGINS.includes(input.origin)) throw validation('origin must be sigmahq, native or custom', { field: 'origin' });
    if (input.documents.length === 0) return [];
    const at = this.now();
    return this.scopes.withTenant(tenantId, (tx) => importRulesTx(tx, tenantId, input, at));
  }

  async get(tenantId: string, ruleId: string): Promise<DetectionRuleWithYaml | null> {
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select({ rule: detectionRules, yaml: detectionRuleVersions.yaml })
        .from(detectionRules)
        .innerJoin(
          detectionRuleVersions,
          and(eq(detectionRuleVersions.tenantId, detectionRules.tenantId), eq(detectionRuleVersions.ruleId, detectionRules.ruleId), eq(detectionRuleVersions.version, detectionRules.version)),
        )
        .where(eq(detectionRules.ruleId, ruleId)),
    );
    const row = rows[0];
    return row ? { ...toRule(row.rule), yaml: row.yaml } : null;
  }

  async list(tenantId: string, options: RuleListOptions = {}): Promise<RulePage> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw validation(`limit must be an integer in 1..${MAX_LIMIT}`, { field: 'limit' });
    const conditions = listConditions(options);
    if (options.cursor !== undefined) {
      const c = decodeKeysetCursor(CURSOR_KIND, options.cursor, 'string');
      conditions.push(sql`(${detectionRules.title} COLLATE "C", ${detectionRules.ruleId} COLLATE "C") > (${String(c.key)}, ${c.id})`);
    }
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      // COLLATE "C": byte order, identical on every server, so the keyset comparison above agrees with the sort.
      tx
        .select()
        .from(detectionRules)
        .where(and(...conditions))
        .orderBy(sql`${detectionRules.title} COLLATE "C"`, sql`${detectionRules.ruleId} COLLATE "C"`)
        .limit(limit + 1),
    );
    const items = rows.slice(0, limit).map(toRule);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(CURSOR_KIND, { key: last.title, id: last.ruleId }) : null };
  }

  async setEnabled(tenantId: string, ruleId: string, enabled: boolean, change: ChangeContext): Promise<DetectionRule> {
    requireActor(change.actor);
    requireReason(change.reason);
    const at = this.now();
    return this.scopes.withTenant(tenantId, async (tx) => {
      await lockTenantRules(tx, tenantId);
      const [current] = await tx.select().from(detectionRules).where(eq(detectionRules.ruleId, ruleId));
      if (!current) throw notFound(`no rule ${ruleId}`);
      if (current.enabled === enabled) return toRule(current);
      const [updated] = await tx
        .update(detectionRules)
        .set({ enabled, updatedAt: at, updatedBy: change.actor })
        .where(eq(detectionRules.ruleId, ruleId))
        .returning();
      if (!updated) throw notFound(`no rule ${ruleId}`);
      await appendAudit(tx, tenantId, at, [
        {
          actor: change.actor,
          action: enabled ? 'detection.rule.enabled' : 'detection.rule.disabled',
          targetType: 'detection_rule',
          targetId: ruleId,
          reason: change.reason,
          details: { version: updated.version },
        },
      ]);
      return toRule(updated);
    });
  }

  async versions(tenantId: string, ruleId: string): Promise<RuleVersionInfo[]> {
    return this.scopes.withTenant(tenantId, async (tx) => {
      const rows = await tx.select(VERSION_INFO).from(detectionRuleVersions).where(eq(detectionRuleVersions.ruleId, ruleId)).orderBy(desc(detectionRuleVersions.version));
      if (rows.length === 0) throw notFound(`no rule ${ruleId}`);
      return rows;
    });
  }

  async getVersion(tenantId: string, ruleId: string, version: number): Promise<RuleVersion | null> {
    if (!Number.isSafeInteger(version) || version < 1) return null;
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select({ ...VERSION_INFO, yaml: detectionRuleVersions.yaml })
        .from(detectionRuleVersions)
        .where(and(eq(detectionRuleVersions.ruleId, ruleId), eq(detectionRuleVersions.version, version))),
    );
    return rows[0] ?? null;
  }

  async addException(tenantId: string, input: NewRuleException): Promise<RuleException> {
    const at = this.now();
    checkNewException(input, at.getTime());
    return this.scopes.withTenant(tenantId, (tx) => addExceptionTx(tx, tenantId, input, at));
  }

  async revokeException(tenantId: string, exceptionId: string, change: ChangeContext): Promise<RuleException> {
    requireActor(change.actor);
    requireReason(change.reason);
    const at = this.now();
    return this.scopes.withTenant(tenantId, (tx) => revokeExceptionTx(tx, tenantId, exceptionId, change, at));
  }

  async getException(tenantId: string, exceptionId: string): Promise<RuleException | null> {
    const at = this.now();
    const rows = await this.scopes.withTenant(tenantId, (tx) => tx.select().from(detectionExceptions).where(eq(detectionExceptions.id, exceptionId)));
    return rows[0] ? toException(rows[0], at.getTime()) : null;
  }

  async listExceptions(tenantId: string, options: ExceptionListOptions = {}): Promise<RuleException[]> {
    const at = this.now();
    let where: SQL | undefined;
    if (options.ruleId !== undefined) {
      const own = eq(detectionExceptions.ruleId, options.ruleId);
      where = options.includeGlobal === false ? own : or(own, isNull(detectionExceptions.ruleId));
    }
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx.select().from(detectionExceptions).where(where).orderBy(asc(detectionExceptions.createdAt), asc(detectionExceptions.id)),
    );
    return rows.map((r) => toException(r, at.getTime()));
  }

  async enabledRuleSet(tenantId: string): Promise<EnabledRuleSet> {
    const at = this.now();
    return this.scopes.withTenant(tenantId, (tx) => enabledRuleSetTx(tx, tenantId, at));
  }

  async ruleSetVersion(tenantId: string): Promise<string> {
    const at = this.now();
    return this.scopes.withTenant(tenantId, (tx) => ruleSetVersionTx(tx, at));
  }
}

function listConditions(o: RuleListOptions): SQL[] {
  const out: SQL[] = [];
  if (o.enabled !== undefined) out.push(eq(detectionRules.enabled, o.enabled));
  if (o.origin !== undefined) out.push(eq(detectionRules.origin, o.origin));
  if (o.level !== undefined) out.push(eq(detectionRules.level, o.level));
  if (o.kind !== undefined) out.push(eq(detectionRules.kind, o.kind));
  if (o.text !== undefined && o.text.length > 0) {
    // strpos, not LIKE: the text is data, so % and _ in it must not act as wildcards.
    const needle = o.text.toLowerCase();
    out.push(
      sql`(strpos(lower(${detectionRules.title}), ${needle}) > 0 OR strpos(lower(${detectionRules.ruleId}), ${needle}) > 0 OR strpos(lower(coalesce(${detectionRules.name}, '')), ${needle}) > 0)`,
    );
  }
  return out;
}
