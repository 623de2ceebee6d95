import { type AlertEntity, type AlertEvidence, type AlertLevel, type AlertPayload, type Envelope, MessageTypes, deterministicId } from '@soc/contracts';

/** ATT&CK resolution of a rule's tags (injected: the lookup tables live in @soc/attack). */
export interface AttackInfo {
  readonly techniques: readonly { readonly id: string; readonly name: string; readonly tactics: readonly string[] }[];
  readonly tactics: readonly { readonly id: string; readonly shortname: string; readonly name: string }[];
}
export type AttackResolver = (tags: readonly string[]) => AttackInfo;

/** The rule an alert cites, with the DRL attribution (author) every alert must show. */
export interface AlertRule {
  id: string;
  title: string;
  level: AlertLevel;
  author?: string;
  description?: string;
  tags: readonly string[];
  origin?: string;
  version?: string;
}

/** What an alert is built from. */
export interface AlertInput {
  tenantId: string;
  kind: 'rule' | 'correlation';
  rule: AlertRule;
  /** Stable identity of what fired: the event id for a rule, group and window for a correlation. */
  identity: string;
  evidence: AlertEvidence[];
  evidenceCount: number;
  entities: AlertEntity[];
  suppressedBy?: string;
  traceId: string;
  /** When detection produced it (ms), for `ingestedAt`. */
  now: number;
}

const SEVERITY: Record<AlertLevel, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<AlertLevel, string> = { informational: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
/** OCSF finding status: New, or Suppressed when an exception matched (kept, shown, never dropped). */
const STATUS_NEW = 1;
const STATUS_SUPPRESSED = 3;
const MAX_EVIDENCE = 100;

/** Alert ids derive from tenant, rule and identity: a replayed event raises the same alert id. */
export function alertId(tenantId: string, ruleId: string, identity: string): string {
  return deterministicId('alert', tenantId, ruleId, identity);
}

function attacksOf(attack: AttackInfo): Record<string, unknown>[] {
  const tacticByShort = new Map(attack.tactics.map((t) => [t.shortname, t]));
  const out: Record<string, unknown>[] = [];
  for (const t of attack.techniques) {
    const tactics = t.tactics.map((s) => tacticByShort.get(s)).filter((x) => x !== undefined).map((x) => ({ uid: x.id, name: x.name }));
    const [parent] = t.id.split('.');
    const technique = t.id.includes('.') ? { uid: parent } : { uid: t.id, name: t.name };
    const entry: Record<string, unknown> = { technique, version: '18.1' };
    if (t.id.includes('.')) entry['sub_technique'] = { uid: t.id, name: t.name };
    if (tactics.length > 0) entry['tactics'] = tactics;
    out.push(entry);
  }
  // Tactics tagged without a technique still belong in the finding.
  for (const t of attack.tactics) if (!out.some((a) => ((a['tactics'] as { uid: string }[] | undefined) ?? []).some((x) => x.uid === t.id))) out.push({ tactic: { uid: t.id, name: t.name }, version: '18.1' });
  return out;
}

/** The OCSF 1.8.0 Detection Finding (class 2004, activity Create) for an alert. */
export function detectionFinding(id: string, input: AlertInput, attack: AttackInfo, firstSeen: number, lastSeen: number): Record<string, unknown> {
  const { rule } = input;
  const findingInfo: Record<string, unknown> = {
    uid: id,
    title: rule.title.slice(0, 512),
    analytic: { uid: rule.id, name: rule.title.slice(0, 512), type_id: input.kind === 'rule' ? 1 : 3, type: input.kind === 'rule' ? 'Rule' : 'Statistical', ...(rule.version ? { version: rule.version } : {}) },
    first_seen_time: firstSeen,
    last_seen_time: lastSeen,
    related_events_count: input.evidenceCount,
    related_events: input.evidence.map((e) => ({ uid: e.eventId, first_seen_time: e.time, type_uid: e.classUid * 100 + 99 })),
    types: [input.kind === 'rule' ? 'Sigma rule' : 'Sigma correlation'],
  };
  if (rule.description) findingInfo['desc'] = rule.description.slice(0, 4096);
  const attacks = attacksOf(attack);
  if (attacks.length > 0) findingInfo['attacks'] = attacks;
  const level = SEVERITY[rule.level];
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: level,
    severity: SEVERITY_NAME[rule.level],
    status_id: input.suppressedBy ? STATUS_SUPPRESSED : STATUS_NEW,
    status: input.suppressedBy ? 'Suppressed' : 'New',
    time: lastSeen,
    message: rule.title.slice(0, 512),
    finding_info: findingInfo,
    metadata: { uid: id, version: '1.8.0', product: { name: 'SOC detection', vendor_name: 'SOC project' }, ...(rule.author ? { labels: [`author:${rule.author.slice(0, 200)}`] } : {}) },
  };
}

/** The alert message: payload (with its finding) in the standard envelope. */
export function buildAlert(input: AlertInput, resolveAttack: AttackResolver): Envelope<AlertPayload> {
  const id = alertId(input.tenantId, input.rule.id, input.identity);
  const times = input.evidence.map((e) => e.time);
  const firstSeen = Math.min(...times);
  const lastSeen = Math.max(...times);
  const attack = resolveAttack(input.rule.tags);
  const payload: AlertPayload = {
    kind: input.kind,
    ruleId: input.rule.id,
    ruleTitle: input.rule.title.slice(0, 512),
    level: input.rule.level,
    techniques: attack.techniques.slice(0, 64).map((t) => ({ id: t.id, name: t.name, tactics: [...t.tactics] })),
    tactics: attack.tactics.slice(0, 32).map((t) => ({ id: t.id, shortname: t.shortname, name: t.name })),
    evidence: input.evidence.slice(0, MAX_EVIDENCE),
    evidenceCount: Math.max(input.evidenceCount, 1),
    entities: input.entities,
    firstSeen,
    lastSeen,
    finding: detectionFinding(id, input, attack, firstSeen, lastSeen),
  };
  if (input.rule.version) payload.ruleVersion = input.rule.version.slice(0, 128);
  if (input.rule.author) payload.author = input.rule.author.slice(0, 1024);
  if (input.rule.origin) payload.origin = input.rule.origin.slice(0, 32);
  if (input.suppressedBy) payload.suppressedBy = input.suppressedBy;
  return {
    id,
    tenantId: input.tenantId,
    type: MessageTypes.alertRaised,
    schemaVersion: 1,
    occurredAt: new Date(lastSeen).toISOString(),
    ingestedAt: new Date(input.now).toISOString(),
    traceId: input.traceId,
    payload,
  };
}
