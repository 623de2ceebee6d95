import { and, inArray, sql } from 'drizzle-orm';
import type { TenantTx } from '../drivers/driver';
import { toJsonbSafe } from '../repositories/jsonb-safe';
import { detectionRuleVersions, detectionRules } from '../schema/detection';
import { type NewAuditEvent, appendAudit } from './audit-repository';
import { SOC_ERR_RULE_DUPLICATE, SOC_ERR_RULE_INVALID, SOC_ERR_RULE_KIND_CONFLICT } from './detection-errors';
import { MAX_RULE_YAML_CHARS, RULE_ID_PATTERN, lockTenantRules, sha256Hex } from './rule-rows';
import {
  type ImportRulesInput,
  RULE_KINDS,
  RULE_LEVELS,
  type RuleDocument,
  type RuleImportResult,
} from './rule-repository';

/** Rows per statement: 19 columns a row stays far below the 65535 bind-parameter limit. */
const CHUNK = 500;

interface Accepted {
  readonly index: number;
  readonly doc: RuleDocument;
  readonly sha256: string;
}

interface Planned extends Accepted {
  readonly version: number;
  readonly outcome: 'created' | 'updated';
}

const rejected = (doc: RuleDocument, code: string, reason: string, message: string): RuleImportResult => ({
  path: doc.path,
  ruleId: doc.ruleId,
  title: doc.title,
  outcome: 'rejected',
  error: { code, reason, message },
});

/** Storage-level checks; Sigma validity is the caller's job. */
function checkDocument(doc: RuleDocument): RuleImportResult | undefined {
  const bad = (reason: string, message: string) => rejected(doc, SOC_ERR_RULE_INVALID, reason, message);
  if (typeof doc.ruleId !== 'string' || !RULE_ID_PATTERN.test(doc.ruleId)) return bad('bad-id', 'rule id must match [A-Za-z0-9][A-Za-z0-9._:-]{0,127}');
  if (typeof doc.title !== 'string' || doc.title.length < 1 || doc.title.length > 500) return bad('bad-title', 'title must be 1..500 characters');
  if (!RULE_KINDS.includes(doc.kind)) return bad('bad-kind', 'kind must be detection, correlation or filter');
  if (doc.level != null && !RULE_LEVELS.includes(doc.level)) return bad('bad-level', 'unknown level');
  if (typeof doc.yaml !== 'string' || doc.yaml.length === 0 || doc.yaml.length > MAX_RULE_YAML_CHARS) return bad('too-large', `YAML must be 1..${MAX_RULE_YAML_CHARS} characters`);
  if (doc.yaml.includes('\u0000')) return bad('nul', 'YAML must not contain NUL');
  if (doc.name != null && (doc.name.length < 1 || doc.name.length > 200)) return bad('bad-name', 'name must be 1..200 characters');
  if (doc.status != null && (doc.status.length < 1 || doc.status.length > 32)) return bad('bad-status', 'status must be 1..32 characters');
  return undefined;
}

/** Validate and de-duplicate; results for rejected documents are filled in `results`. */
function acceptDocuments(docs: readonly RuleDocument[], results: RuleImportResult[]): Accepted[] {
  const seen = new Set<string>();
  const out: Accepted[] = [];
  docs.forEach((doc, index) => {
    const problem = checkDocument(doc);
    if (problem) {
      results[index] = problem;
    } else if (seen.has(doc.ruleId)) {
      results[index] = rejected(doc, SOC_ERR_RULE_DUPLICATE, 'duplicate-id', `rule id ${doc.ruleId} appears more than once in this import`);
    } else {
      seen.add(doc.ruleId);
      out.push({ index, doc, sha256: sha256Hex(doc.yaml) });
    }
  });
  return out;
}

async function existingRules(tx: TenantTx, ids: readonly string[]) {
  const found = new Map<string, { version: number; sha256: string; kind: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx
      .select({ ruleId: detectionRules.ruleId, version: detectionRules.version, sha256: detectionRules.sha256, kind: detectionRules.kind })
      .from(detectionRules)
      .where(and(inArray(detectionRules.ruleId, ids.slice(i, i + CHUNK))));
    for (const r of rows) found.set(r.ruleId, r);
  }
  return found;
}

function ruleRow(tenantId: string, p: Planned, input: ImportRulesInput, at: Date): typeof detectionRules.$inferInsert {
  const d = p.doc;
  return {
    tenantId,
    ruleId: d.ruleId,
    name: d.name ?? null,
    version: p.version,
    title: d.title,
    level: d.level ?? null,
    status: d.status ?? null,
    origin: input.origin,
    kind: d.kind,
    logsource: toJsonbSafe(d.logsource ?? {}).value,
    tags: [...(d.tags ?? [])],
    author: d.author ?? null,
    sourcePath: d.path,
    sha256: p.sha256,
    enabled: input.enableNew,
    createdAt: at,
    createdBy: input.actor,
    updatedAt: at,
    updatedBy: input.actor,
  };
}

/** Write the planned rules (one upsert per chunk: new rows inserted, changed rows updated), their versions and audit. */
async function writePlanned(tx: TenantTx, tenantId: string, planned: readonly Planned[], input: ImportRulesInput, at: Date): Promise<void> {
  for (let i = 0; i < planned.length; i += CHUNK) {
    const chunk = planned.slice(i, i + CHUNK);
    await tx
      .insert(detectionRules)
      .values(chunk.map((p) => ruleRow(tenantId, p, input, at)))
      .onConflictDoUpdate({
        target: [detectionRules.tenantId, detectionRules.ruleId],
        // `enabled` and the creation stamps stay as they were: an update changes content, not state.
        set: {
          name: sql`excluded.name`,
          version: sql`excluded.version`,
          title: sql`excluded.title`,
          level: sql`excluded.level`,
          status: sql`excluded.status`,
          origin: sql`excluded.origin`,
          logsource: sql`excluded.logsource`,
          tags: sql`excluded.tags`,
          author: sql`excluded.author`,
          sourcePath: sql`excluded.source_path`,
          sha256: sql`excluded.sha256`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
      });
    await tx.insert(detectionRuleVersions).values(
      chunk.map((p) => ({
        tenantId,
        ruleId: p.doc.ruleId,
        version: p.version,
        yaml: p.doc.yaml,
        sha256: p.sha256,
        sourcePath: p.doc.path,
        createdAt: at,
        createdBy: input.actor,
      })),
    );
  }
  const audit = planned.map(
    (p): NewAuditEvent => ({
      actor: input.actor,
      action: p.outcome === 'created' ? 'detection.rule.created' : 'detection.rule.updated',
      targetType: 'detection_rule',
      targetId: p.doc.ruleId,
      reason: input.reason ?? null,
      details: { version: p.version, sha256: p.sha256, origin: input.origin, path: p.doc.path, enabled: p.outcome === 'created' ? input.enableNew : undefined },
    }),
  );
  await appendAudit(tx, tenantId, at, audit);
}

/**
 * The import in one transaction: validate, compare each document's SHA-256 with the current
 * version, then write new rules and new versions in bulk. Unchanged documents cost one lookup.
 */
export async function importRulesTx(tx: TenantTx, tenantId: string, input: ImportRulesInput, at: Date): Promise<RuleImportResult[]> {
  const results: RuleImportResult[] = new Array<RuleImportResult>(input.documents.length);
  const accepted = acceptDocuments(input.documents, results);
  await lockTenantRules(tx, tenantId);
  const existing = await existingRules(tx, accepted.map((a) => a.doc.ruleId));
  const planned: Planned[] = [];
  for (const a of accepted) {
    const cur = existing.get(a.doc.ruleId);
    const base = { path: a.doc.path, ruleId: a.doc.ruleId, title: a.doc.title };
    if (!cur) {
      planned.push({ ...a, version: 1, outcome: 'created' });
      results[a.index] = { ...base, outcome: 'created', version: 1 };
    } else if (cur.kind !== a.doc.kind) {
      results[a.index] = rejected(a.doc, SOC_ERR_RULE_KIND_CONFLICT, 'kind-conflict', `rule ${a.doc.ruleId} is stored as a ${cur.kind}, not a ${a.doc.kind}`);
    } else if (cur.sha256 === a.sha256) {
      results[a.index] = { ...base, outcome: 'unchanged', version: cur.version };
    } else {
      planned.push({ ...a, version: cur.version + 1, outcome: 'updated' });
      results[a.index] = { ...base, outcome: 'updated', version: cur.version + 1 };
    }
  }
  if (planned.length > 0) await writePlanned(tx, tenantId, planned, input, at);
  return results;
}
