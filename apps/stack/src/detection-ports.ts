import type { AlertPayload, Clock, Envelope } from '@soc/contracts';
import { type Database, DrizzleAlertRepository, DrizzleRuleRepository, type RuleException } from '@soc/db';
import type { AlertWriter, DetectionException, DetectionRuleSource } from '@soc/detection';

/** An exception as the detection service applies it; malformed rows (neither shape) are skipped. */
function toDetectionException(e: RuleException): DetectionException | undefined {
  const base = { id: e.id, ruleId: e.ruleId, expiresAt: e.expiresAt ? e.expiresAt.getTime() : null };
  if (e.filterYaml !== null) return { ...base, filterYaml: e.filterYaml };
  if (e.field !== null && e.op !== null && e.values !== null) return { ...base, field: e.field, op: e.op, values: e.values };
  return undefined;
}

/** The rule store as the detection service's source of enabled rules and active exceptions. */
export function detectionRuleSource(db: Database, clock: Clock): DetectionRuleSource {
  const rules = new DrizzleRuleRepository(db, clock);
  return {
    version: (tenantId) => rules.ruleSetVersion(tenantId),
    async load(tenantId) {
      const set = await rules.enabledRuleSet(tenantId);
      return {
        version: set.version,
        documents: set.rules.map((r) => ({ file: `${r.ruleId}@${r.version}`, text: r.yaml, origin: r.origin, version: String(r.version) })),
        exceptions: set.exceptions.map(toDetectionException).filter((e) => e !== undefined),
      };
    },
  };
}

/** The alert repository as the alert sink's writer. */
export function alertWriter(db: Database, clock: Clock): AlertWriter {
  const alerts = new DrizzleAlertRepository(db, clock);
  return {
    async insertMany(tenantId, envelopes: readonly Envelope<AlertPayload>[]) {
      await alerts.insertMany(
        tenantId,
        envelopes.map(({ id, payload: p }) => ({
          id,
          kind: p.kind,
          ruleId: p.ruleId,
          ruleVersion: p.ruleVersion ?? null,
          origin: p.origin ?? null,
          author: p.author ?? null,
          title: p.ruleTitle,
          level: p.level,
          time: new Date(p.lastSeen),
          firstSeen: new Date(p.firstSeen),
          lastSeen: new Date(p.lastSeen),
          count: p.evidenceCount,
          techniques: p.techniques.map((t) => t.id),
          tactics: p.tactics.map((t) => t.shortname),
          entities: p.entities,
          evidence: p.evidence,
          evidenceEventIds: p.evidence.map((e) => e.eventId),
          finding: p.finding,
          suppressedBy: p.suppressedBy ?? null,
        })),
      );
    },
  };
}
