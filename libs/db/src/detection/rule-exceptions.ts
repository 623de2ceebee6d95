import { isIP } from 'node:net';
import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from '@soc/contracts';
import { notFound, validation } from '@soc/errors';
import type { TenantTx } from '../drivers/driver';
import { detectionExceptions, detectionRules } from '../schema/detection';
import { appendAudit, requireActor } from './audit-repository';
import { toException } from './rule-rows';
import { type ChangeContext, EXCEPTION_OPS, type NewRuleException, type RuleException } from './rule-repository';

const MAX_VALUES = 100;
const MAX_VALUE_CHARS = 1000;
const MAX_FILTER_YAML_CHARS = 65_536;
/** A Sigma field name without modifiers (the op is the modifier) and without control characters. */
function isFieldName(f: unknown): f is string {
  if (typeof f !== 'string' || f.length < 1 || f.length > 200 || f.includes('|')) return false;
  for (let i = 0; i < f.length; i++) if (f.charCodeAt(i) < 0x20) return false;
  return true;
}

/** A reason every change must give: 1..2000 characters, not blank. */
export function requireReason(reason: unknown, field = 'reason'): string {
  if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 2000) {
    throw validation(`${field} is required (1..2000 characters)`, { field });
  }
  return reason;
}

function isCidr(v: string): boolean {
  const slash = v.indexOf('/');
  const ip = slash < 0 ? v : v.slice(0, slash);
  const family = isIP(ip);
  if (family === 0) return false;
  if (slash < 0) return true;
  const bits = v.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

function checkFieldForm(input: NewRuleException): void {
  if (!isFieldName(input.field)) {
    throw validation('field must be a Sigma field name of 1..200 characters without modifiers', { field: 'field' });
  }
  if (input.op === undefined || !EXCEPTION_OPS.includes(input.op)) {
    throw validation(`op must be one of ${EXCEPTION_OPS.join(', ')}`, { field: 'op' });
  }
  const values = input.values;
  if (!Array.isArray(values) || values.length < 1 || values.length > MAX_VALUES) {
    throw validation(`values must hold 1..${MAX_VALUES} strings`, { field: 'values' });
  }
  for (const v of values) {
    if (typeof v !== 'string' || v.length > MAX_VALUE_CHARS || v.includes('\u0000')) {
      throw validation(`each value must be a string of at most ${MAX_VALUE_CHARS} characters`, { field: 'values' });
    }
    if (input.op === 'cidr' && !isCidr(v)) throw validation(`not a CIDR block: ${v}`, { field: 'values' });
  }
}

/** Shape checks: exactly one of the two forms, a reason, a future expiry. */
export function checkNewException(input: NewRuleException, nowMs: number): void {
  requireActor(input.actor);
  requireReason(input.reason);
  const hasField = input.field !== undefined || input.op !== undefined || input.values !== undefined;
  if (hasField === (input.filterYaml !== undefined)) {
    throw validation('give either field, op and values, or filterYaml', { field: 'filterYaml' });
  }
  if (hasField) checkFieldForm(input);
  else if (typeof input.filterYaml !== 'string' || input.filterYaml.trim().length === 0 || input.filterYaml.length > MAX_FILTER_YAML_CHARS) {
    throw validation(`filterYaml must be 1..${MAX_FILTER_YAML_CHARS} characters`, { field: 'filterYaml' });
  }
  if (input.expiresAt != null && !(input.expiresAt.getTime() > nowMs)) {
    throw validation('expiresAt must be in the future', { field: 'expiresAt' });
  }
}

/** Insert an exception and its audit record. */
export async function addExceptionTx(tx: TenantTx, tenantId: string, input: NewRuleException, at: Date): Promise<RuleException> {
  if (input.ruleId !== null) {
    const rule = await tx.select({ id: detectionRules.ruleId }).from(detectionRules).where(eq(detectionRules.ruleId, input.ruleId));
    if (rule.length === 0) throw notFound(`no rule ${input.ruleId}`);
  }
  const [row] = await tx
    .insert(detectionExceptions)
    .values({
      id: uuidv7(at.getTime()),
      tenantId,
      ruleId: input.ruleId,
      field: input.field ?? null,
      op: input.op ?? null,
      values: input.values ? [...input.values] : null,
      filterYaml: input.filterYaml ?? null,
      reason: input.reason,
      createdBy: input.actor,
      createdAt: at,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await appendAudit(tx, tenantId, at, [
    {
      actor: input.actor,
      action: 'detection.exception.created',
      targetType: 'detection_exception',
      targetId: row.id,
      reason: input.reason,
      details: { ruleId: row.ruleId, field: row.field, op: row.op, values: row.values, filter: row.filterYaml !== null, expiresAt: row.expiresAt?.toISOString() ?? null },
    },
  ]);
  return toException(row, at.getTime());
}

/** Revoke once; a revoked exception is returned as it is, with no second audit record. */
export async function revokeExceptionTx(tx: TenantTx, tenantId: string, id: string, change: ChangeContext, at: Date): Promise<RuleException> {
  const [updated] = await tx
    .update(detectionExceptions)
    .set({ revokedAt: at, revokedBy: change.actor, revokeReason: change.reason })
    .where(and(eq(detectionExceptions.id, id), isNull(detectionExceptions.revokedAt)))
    .returning();
  if (updated) {
    await appendAudit(tx, tenantId, at, [
      { actor: change.actor, action: 'detection.exception.revoked', targetType: 'detection_exception', targetId: id, reason: change.reason, details: { ruleId: updated.ruleId } },
    ]);
    return toException(updated, at.getTime());
  }
  const [existing] = await tx.select().from(detectionExceptions).where(eq(detectionExceptions.id, id));
  if (!existing) throw notFound(`no exception ${id}`);
  return toException(existing, at.getTime());
}
