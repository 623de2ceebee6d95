import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TenantTx } from '../drivers/driver';
import { type detectionExceptions, type detectionRules } from '../schema/detection';
import type { DetectionRule, ExceptionOp, RuleException, RuleKind, RuleLevel, RuleOrigin } from './rule-repository';

/** Rule ids as the table admits them (Sigma UUIDs and derived ids both fit). */
export const RULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** Largest YAML text of one rule version (the column's CHECK). */
export const MAX_RULE_YAML_CHARS = 1_048_576;

/** Hex SHA-256 of a text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Serialises rule changes of one tenant: two concurrent imports would otherwise both compute
 * version N+1. Transaction-scoped, so it is released at COMMIT/ROLLBACK.
 */
export async function lockTenantRules(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`soc.detection_rules:${tenantId}`}, 0))`);
}

type RuleRow = typeof detectionRules.$inferSelect;
type ExceptionRow = typeof detectionExceptions.$inferSelect;

/** Row to domain object. */
export function toRule(r: RuleRow): DetectionRule {
  return {
    tenantId: r.tenantId,
    ruleId: r.ruleId,
    name: r.name,
    version: r.version,
    title: r.title,
    level: r.level as RuleLevel | null,
    status: r.status,
    origin: r.origin as RuleOrigin,
    kind: r.kind as RuleKind,
    logsource: (r.logsource ?? {}) as Record<string, string>,
    tags: r.tags,
    author: r.author,
    sourcePath: r.sourcePath,
    sha256: r.sha256,
    enabled: r.enabled,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

/** Row to domain object, with the state as of `nowMs`. */
export function toException(r: ExceptionRow, nowMs: number): RuleException {
  const state = r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt.getTime() <= nowMs ? 'expired' : 'active';
  return {
    id: r.id,
    tenantId: r.tenantId,
    ruleId: r.ruleId,
    field: r.field,
    op: r.op as ExceptionOp | null,
    values: r.values,
    filterYaml: r.filterYaml,
    reason: r.reason,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    revokedBy: r.revokedBy,
    revokeReason: r.revokeReason,
    state,
  };
}
