import { killChainOrder } from '@soc/attack';
import { ALERT_LEVELS, type AlertLevel } from '@soc/contracts';

/** Distinct tactic shortnames in kill-chain order; tactics ATT&CK does not know go last, by name. */
export function orderTactics(shortnames: Iterable<string>): string[] {
  const rank = (s: string): number => {
    const o = killChainOrder(s);
    return o < 0 ? Number.MAX_SAFE_INTEGER : o;
  };
  return [...new Set(shortnames)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A case severity and the reasons for it, in words an analyst reads. */
export interface CaseSeverity {
  readonly severity: AlertLevel;
  readonly reasons: readonly string[];
}

/** Distinct known tactics from which a case counts as a multi-stage intrusion. */
const MULTI_STAGE = 3;
/** Distinct known tactics from which a case counts as a broad intrusion even without late stages. */
const BROAD = 5;
/** Tactics from which on a case is "late" in the chain: the attacker already moves or acts. */
const LATE_STAGE_FROM = 'lateral-movement';

/**
 * Case severity: the highest alert level, raised one step when the case spans several
 * kill-chain stages and one more when it reaches a late stage (lateral movement onward) or
 * spans many stages. One low alert stays low; a chain of medium alerts from initial access to
 * exfiltration becomes critical.
 */
export function caseSeverity(levels: Iterable<AlertLevel>, tactics: readonly string[]): CaseSeverity {
  let base = 0;
  for (const l of levels) base = Math.max(base, ALERT_LEVELS.indexOf(l));
  const reasons = [`highest alert level ${ALERT_LEVELS[base] ?? 'informational'}`];
  const known = orderTactics(tactics).filter((t) => killChainOrder(t) >= 0);
  let raise = 0;
  if (known.length >= MULTI_STAGE) {
    raise += 1;
    reasons.push(`${known.length} kill-chain stages`);
  }
  const furthest = known[known.length - 1];
  const late = furthest !== undefined && killChainOrder(furthest) >= killChainOrder(LATE_STAGE_FROM) && known.length >= 2;
  if (late || known.length >= BROAD) {
    raise += 1;
    reasons.push(late ? `reached ${furthest}` : `${known.length} kill-chain stages (broad)`);
  }
  const level = Math.min(ALERT_LEVELS.length - 1, base + raise);
  return { severity: ALERT_LEVELS[level] ?? 'critical', reasons };
}
