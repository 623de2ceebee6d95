import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { TenantTx } from '../drivers/driver';
import { detectionExceptions, detectionRuleVersions, detectionRules } from '../schema/detection';
import { toException } from './rule-rows';
import type { EnabledRule, EnabledRuleSet, RuleException, RuleKind, RuleOrigin } from './rule-repository';

interface StampInput {
  readonly rules: readonly { ruleId: string; version: number; sha256: string }[];
  readonly exceptionIds: readonly string[];
}

/** SHA-256 over what detection compiles: enabled rules (id, version, content hash) and active exception ids, both sorted. */
export function ruleSetStamp(input: StampInput): string {
  const h = createHash('sha256');
  for (const r of input.rules) h.update(`r\u0000${r.ruleId}\u0000${r.version}\u0000${r.sha256}\n`);
  for (const id of input.exceptionIds) h.update(`x\u0000${id}\n`);
  return h.digest('hex');
}

function activeExceptions(tx: TenantTx, at: Date) {
  return tx
    .select()
    .from(detectionExceptions)
    .where(and(isNull(detectionExceptions.revokedAt), or(isNull(detectionExceptions.expiresAt), gt(detectionExceptions.expiresAt, at))))
    .orderBy(asc(detectionExceptions.id));
}

/** The stamp alone: rule ids, versions and hashes, no YAML. */
export async function ruleSetVersionTx(tx: TenantTx, at: Date): Promise<string> {
  const rules = await tx
    .select({ ruleId: detectionRules.ruleId, version: detectionRules.version, sha256: detectionRules.sha256 })
    .from(detectionRules)
    .where(eq(detectionRules.enabled, true))
    .orderBy(asc(detectionRules.ruleId));
  const exceptions = await tx
    .select({ id: detectionExceptions.id })
    .from(detectionExceptions)
    .where(and(isNull(detectionExceptions.revokedAt), or(isNull(detectionExceptions.expiresAt), gt(detectionExceptions.expiresAt, at))))
    .orderBy(asc(detectionExceptions.id));
  return ruleSetStamp({ rules, exceptionIds: exceptions.map((e) => e.id) });
}

/** Enabled rules with the YAML of their current version, the active exceptions, and the stamp. */
export async function enabledRuleSetTx(tx: TenantTx, tenantId: string, at: Date): Promise<EnabledRuleSet> {
  const rows = await tx
    .select({
      ruleId: detectionRules.ruleId,
      version: detectionRules.version,
      kind: detectionRules.kind,
      origin: detectionRules.origin,
      sha256: detectionRules.sha256,
      yaml: detectionRuleVersions.yaml,
    })
    .from(detectionRules)
    .innerJoin(
      detectionRuleVersions,
      and(
        eq(detectionRuleVersions.tenantId, detectionRules.tenantId),
        eq(detectionRuleVersions.ruleId, detectionRules.ruleId),
        eq(detectionRuleVersions.version, detectionRules.version),
      ),
    )
    .where(eq(detectionRules.enabled, true))
    .orderBy(asc(detectionRules.ruleId));
  const rules: EnabledRule[] = rows.map((r) => ({ ...r, kind: r.kind as RuleKind, origin: r.origin as RuleOrigin }));
  const exceptions: RuleException[] = (await activeExceptions(tx, at)).map((e) => toException(e, at.getTime()));
  let next: number | null = null;
  for (const e of exceptions) {
    const t = e.expiresAt?.getTime();
    if (t !== undefined && (next === null || t < next)) next = t;
  }
  return {
    tenantId,
    version: ruleSetStamp({ rules, exceptionIds: exceptions.map((e) => e.id) }),
    rules,
    exceptions,
    nextExpiryAt: next === null ? null : new Date(next),
  };
}
