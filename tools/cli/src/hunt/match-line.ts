/**
 * The JSON line printed per match. A detection rule's line lists the event it matched; a
 * correlation's line lists every contributing event it kept (the engine keeps the first
 * `maxEvidence`) and says how the correlation fired.
 */
import type { CorrelationAlert, SigmaRule } from '@soc/sigma';
import type { EventLocation } from '../events/types';
import { LEVELS, type Level } from './args';

/** One printed match. Field names are the output contract of `soc hunt`. */
export interface MatchLine {
  rule_id: string | null;
  rule_title: string;
  level: string | null;
  author: string | null;
  tags: readonly string[];
  events: readonly EventLocation[];
  correlation?: { type: string; group: Readonly<Record<string, string>>; aggregate: number; event_count: number };
}

/** The line for a detection rule that matched the event at `at`. */
export function ruleMatchLine(rule: SigmaRule, at: EventLocation): MatchLine {
  return { rule_id: rule.id ?? null, rule_title: rule.title, level: rule.level ?? null, author: rule.author ?? null, tags: rule.tags, events: [at] };
}

/** The line for a correlation alert; `locate` finds where each contributing event was read. */
export function correlationLine(alert: CorrelationAlert, locate: (event: object) => EventLocation | undefined): MatchLine {
  const r = alert.rule;
  const events: EventLocation[] = [];
  for (const ev of alert.evidence) {
    const at = locate(ev.event);
    if (at) events.push(at);
  }
  return {
    rule_id: r.id ?? null,
    rule_title: r.title,
    level: r.level ?? null,
    author: r.author ?? null,
    tags: r.tags,
    events,
    correlation: { type: r.type, group: alert.group, aggregate: alert.aggregate, event_count: alert.eventCount },
  };
}

/** Rank of a level for `--min-level`; a rule without a known level ranks lowest. */
export function levelRank(level: string | null | undefined): number {
  return level ? Math.max(0, LEVELS.indexOf(level as Level)) : 0;
}
