import type { AttackTechnique } from './types';

// ATT&CK v19 (2026) split the Defense Evasion tactic (TA0005) into two tactics, Stealth and
// Defense Impairment, and moved the Impair Defenses family (T1562.*) into new techniques
// T1685-T1690 under Defense Impairment. Current SigmaHQ rules are already tagged with v19
// (no rule in rules/ or rules-emerging-threats/ uses `attack.defense-evasion` any more), but
// the data we compile is v18.1 and no v19 bundle is available to us (see
// ../shared/corpora/attack/README.md). These two tables bridge the gap; delete them when the
// compiled data moves to v19.

/**
 * v19 tactic shortnames -> the v18.1 tactic that covered the same behaviour.
 *
 * Both halves of the split map to `defense-evasion` (TA0005): in v18.1 every technique now
 * filed under Stealth or Defense Impairment sat under Defense Evasion, so this keeps a rule
 * tagged `attack.stealth` in the same kill-chain column as the v18.1 tactics of its techniques
 * (their `kill_chain_phases` say `defense-evasion`) and `killChainOrder('stealth')` equal to
 * `killChainOrder('defense-evasion')`. We do not invent v19 tactic ids or a v19 column order.
 */
export const V19_TACTIC_ALIASES: Readonly<Record<string, string>> = {
  stealth: 'defense-evasion',
  'defense-impairment': 'defense-evasion',
};

/**
 * v19 techniques that SigmaHQ rules cite and v18.1 lacks, resolved provisionally.
 *
 * Tactic: SigmaHQ's own v19.1 Navigator layer (sigmahq/other/sigma_attack_nav_coverage.json)
 * files all of them under `defense-impairment`; stored here as its v18.1 alias
 * `defense-evasion`. Names: only where a published v19 page gave one (T1685 Disable or Modify
 * Tools, T1686 Disable or Modify System Firewall, T1686.002 Network Device Firewall); the
 * others are named by id rather than guessed. Platforms are unknown, so empty. Ids not listed
 * here (e.g. T1687/T1688, unused by SigmaHQ today) stay unknown.
 */
const V19_SOURCE: readonly (readonly [id: string, name: string | null])[] = [
  ['T1685', 'Disable or Modify Tools'],
  ['T1685.001', null],
  ['T1685.002', null],
  ['T1685.004', null],
  ['T1685.005', null],
  ['T1685.006', null],
  ['T1686', 'Disable or Modify System Firewall'],
  ['T1686.001', null],
  ['T1686.002', 'Network Device Firewall'],
  ['T1686.003', null],
  ['T1689', null],
  ['T1690', null],
];

/** The provisional v19 techniques as technique records (see the table comment above). */
export const V19_TECHNIQUES: readonly AttackTechnique[] = V19_SOURCE.map(([id, name]) => {
  const dot = id.indexOf('.');
  const base = {
    id,
    name: name ?? `ATT&CK v19 ${id}`,
    tactics: ['defense-evasion'], // = V19_TACTIC_ALIASES['defense-impairment']
    platforms: [],
    provisional: true as const,
  };
  return Object.freeze(dot < 0 ? base : { ...base, parent: id.slice(0, dot) });
});
