import { attackIndex } from './data';
import type { AttackNamed, AttackTactic, AttackTechnique } from './types';

/** ATT&CK release of the compiled data (the drift test checks it against the data file). */
export const ATTACK_VERSION = '18.1';

/**
 * A technique or sub-technique by id, any case (`T1059.001`, `t1059.001`). A revoked id yields
 * its replacement (`T1086` -> `T1059.001`); deprecated ids and the provisional v19 ids SigmaHQ
 * uses (see v19.ts) are returned as such. `undefined` when the id names nothing.
 */
export function technique(id: string): AttackTechnique | undefined {
  const idx = attackIndex();
  const key = id.trim().toLowerCase();
  const found = idx.techniques.get(key);
  if (found) return found;
  const by = idx.revoked.get(key);
  return by === undefined ? undefined : idx.techniques.get(by.toLowerCase());
}

/**
 * A tactic by id (`TA0006`), shortname (`credential-access`) or v19 shortname alias
 * (`stealth`, `defense-impairment` -> TA0005 Defense Evasion), any case.
 */
export function tactic(idOrShortname: string): AttackTactic | undefined {
  return attackIndex().tacticByKey.get(idOrShortname.trim().toLowerCase());
}

/**
 * Kill-chain position of a tactic (0 = reconnaissance ... 13 = impact, the Enterprise matrix
 * order), by shortname, v19 alias or id; -1 when unknown, so it never counts as progress.
 */
export function killChainOrder(shortname: string): number {
  const t = tactic(shortname);
  return t ? (attackIndex().orderById.get(t.id) ?? -1) : -1;
}

/** All tactics in kill-chain order. */
export function tactics(): readonly AttackTactic[] {
  return attackIndex().tactics;
}

/** A group (intrusion set, `G0016`) by id, any case; revoked ids yield their replacement. */
export function group(id: string): AttackNamed | undefined {
  return named(attackIndex().groups, id);
}

/** A piece of software (malware or tool, `S0002`) by id, any case; revoked ids yield their replacement. */
export function software(id: string): AttackNamed | undefined {
  return named(attackIndex().software, id);
}

function named(map: ReadonlyMap<string, AttackNamed>, id: string): AttackNamed | undefined {
  const key = id.trim().toLowerCase();
  const by = attackIndex().revoked.get(key);
  return map.get(key) ?? (by === undefined ? undefined : map.get(by.toLowerCase()));
}
