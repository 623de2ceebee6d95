import { attackIndex, type AttackIndex } from './data';
import type { AttackNamed, AttackReplacement, AttackResolution, AttackTactic, AttackTechnique } from './types';

const TAG_PREFIX = 'attack.';

// Mutable accumulator for one call; the result exposes it read-only.
interface Acc {
  techniques: Map<string, AttackTechnique>;
  tactics: Map<string, AttackTactic>;
  groups: Map<string, AttackNamed>;
  software: Map<string, AttackNamed>;
  replaced: AttackReplacement[];
  unknown: string[];
}

/**
 * Resolves a Sigma rule's tags to ATT&CK objects. `attack.t1059.001` and other technique
 * ids, `attack.ta0002` and tactic shortnames (`attack.execution`, and the v19 names
 * `attack.stealth` / `attack.defense-impairment`, see v19.ts), `attack.g0016` groups and
 * `attack.s0002` software are recognised case-insensitively; revoked ids are replaced by their
 * successor and listed in `replaced`. Tags outside the `attack.` namespace (`cve.*`,
 * `detection.*`, ...) are ignored; `attack.*` tags that name nothing go to `unknown`. Never throws.
 * Runs once per rule at load time, not per event.
 */
export function resolveAttackTags(tags: readonly string[]): AttackResolution {
  const idx = attackIndex();
  const acc: Acc = { techniques: new Map(), tactics: new Map(), groups: new Map(), software: new Map(), replaced: [], unknown: [] };
  for (const tag of tags) {
    const lower = String(tag).trim().toLowerCase();
    if (!lower.startsWith(TAG_PREFIX)) continue;
    if (!resolveOne(idx, lower.slice(TAG_PREFIX.length), acc)) acc.unknown.push(tag);
  }
  for (const t of acc.techniques.values()) {
    for (const shortname of t.tactics) addTactic(acc, idx.tacticByKey.get(shortname));
  }
  const order = (t: AttackTactic): number => idx.orderById.get(t.id) ?? Number.MAX_SAFE_INTEGER;
  return {
    techniques: [...acc.techniques.values()],
    tactics: [...acc.tactics.values()].sort((a, b) => order(a) - order(b)),
    groups: [...acc.groups.values()],
    software: [...acc.software.values()],
    replaced: acc.replaced,
    unknown: acc.unknown,
  };
}

// Technique, group and software ids; tactic ids (ta0002) and shortnames go to the tactic table.
const NUMBERED_ID = /^([tgs])\d{4}(\.\d{3})?$/;

// Returns false when the id names nothing we know.
function resolveOne(idx: AttackIndex, id: string, acc: Acc): boolean {
  const kind = NUMBERED_ID.exec(id)?.[1];
  if (kind === 't') return addById(idx, idx.techniques, id, acc, (t) => acc.techniques.set(t.id, t));
  if (kind === 'g') return addById(idx, idx.groups, id, acc, (g) => acc.groups.set(g.id, g));
  if (kind === 's') return addById(idx, idx.software, id, acc, (sw) => acc.software.set(sw.id, sw));
  const tactic = idx.tacticByKey.get(id);
  if (tactic) addTactic(acc, tactic);
  return tactic !== undefined;
}

function addById<T extends { id: string }>(idx: AttackIndex, map: ReadonlyMap<string, T>, id: string, acc: Acc, add: (v: T) => void): boolean {
  const direct = map.get(id);
  if (direct) {
    add(direct);
    return true;
  }
  const by = idx.revoked.get(id);
  const replacement = by === undefined ? undefined : map.get(by.toLowerCase());
  if (!replacement) return false;
  acc.replaced.push({ from: id.toUpperCase(), to: replacement.id });
  add(replacement);
  return true;
}

function addTactic(acc: Acc, t: AttackTactic | undefined): void {
  if (t) acc.tactics.set(t.id, t);
}
