import type { AttackDataFile, TacticRecord, TechniqueRecord } from '@soc/attack';
import { attackId, ofType, relationMap, type StixBundle, type StixObject } from './stix';

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Tactics in the order of the Enterprise matrix's `tactic_refs` (the kill-chain order). */
export function extractTactics(bundle: StixBundle): TacticRecord[] {
  const matrices = ofType(bundle, 'x-mitre-matrix');
  if (matrices.length !== 1) throw new Error(`expected one x-mitre-matrix, found ${matrices.length}`);
  const tactics = new Map(ofType(bundle, 'x-mitre-tactic').map((t) => [t.id, t]));
  return (matrices[0]?.tactic_refs ?? []).map((ref) => {
    const t = tactics.get(ref);
    const id = t && attackId(t);
    if (!t || !id || !t.x_mitre_shortname || !t.name) throw new Error(`matrix references unknown tactic ${ref}`);
    return { id, shortname: t.x_mitre_shortname, name: t.name };
  });
}

/** Active and deprecated (not revoked) techniques and sub-techniques, sorted by id. */
export function extractTechniques(bundle: StixBundle, tactics: readonly TacticRecord[]): TechniqueRecord[] {
  const order = new Map(tactics.map((t, i) => [t.shortname, i]));
  const stix = new Map(bundle.objects.map((o) => [o.id, o]));
  const parentOf = relationMap(bundle, 'subtechnique-of');
  const out: TechniqueRecord[] = [];
  for (const ap of ofType(bundle, 'attack-pattern')) {
    const id = attackId(ap);
    if (ap.revoked || !id || !TECHNIQUE_ID.test(id)) continue;
    const rec: TechniqueRecord = { id, name: requireName(ap), tactics: techniqueTactics(ap, order), platforms: [...(ap.x_mitre_platforms ?? [])].sort() };
    if (ap.x_mitre_is_subtechnique) rec.parent = parentId(ap, id, parentOf, stix);
    if (ap.x_mitre_deprecated) rec.deprecated = true;
    out.push(rec);
  }
  return out.sort(byId);
}

function requireName(o: StixObject): string {
  if (!o.name) throw new Error(`${o.id} has no name`);
  return o.name;
}

function techniqueTactics(ap: StixObject, order: ReadonlyMap<string, number>): string[] {
  const names = (ap.kill_chain_phases ?? []).filter((p) => p.kill_chain_name === 'mitre-attack').map((p) => p.phase_name);
  for (const n of names) if (!order.has(n)) throw new Error(`${attackId(ap)} uses unknown tactic ${n}`);
  return [...new Set(names)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

// The parent comes from the `subtechnique-of` relationship; the id prefix must agree with it,
// which catches a bundle whose relationships and ids were edited inconsistently.
function parentId(ap: StixObject, id: string, parentOf: ReadonlyMap<string, string>, stix: ReadonlyMap<string, StixObject>): string {
  const target = parentOf.get(ap.id);
  const parent = target ? stix.get(target) : undefined;
  const pid = parent ? attackId(parent) : undefined;
  if (!pid || pid !== id.slice(0, 5)) throw new Error(`sub-technique ${id} has parent ${String(pid)}`);
  return pid;
}

/**
 * Revoked objects with an ATT&CK id (techniques, groups, software), each mapped to its final
 * replacement by following `revoked-by` chains (T1150 -> T1547.011 -> T1647).
 */
export function extractRevoked(bundle: StixBundle): AttackDataFile['revoked'] {
  const stix = new Map(bundle.objects.map((o) => [o.id, o]));
  const revokedBy = relationMap(bundle, 'revoked-by');
  const out: AttackDataFile['revoked'] = [];
  for (const o of bundle.objects) {
    const id = attackId(o);
    if (!o.revoked || !id || !isCatalogued(o)) continue;
    out.push({ id, name: requireName(o), by: finalReplacement(o, revokedBy, stix) });
  }
  return out.sort(byId);
}

function finalReplacement(o: StixObject, revokedBy: ReadonlyMap<string, string>, stix: ReadonlyMap<string, StixObject>): string | null {
  let cur: StixObject | undefined = o;
  const seen = new Set<string>();
  while (cur?.revoked) {
    if (seen.has(cur.id)) return null;
    seen.add(cur.id);
    const next = revokedBy.get(cur.id);
    cur = next ? stix.get(next) : undefined;
  }
  return cur ? (attackId(cur) ?? null) : null;
}

function isCatalogued(o: StixObject): boolean {
  return o.type === 'attack-pattern' || o.type === 'intrusion-set' || o.type === 'malware' || o.type === 'tool';
}

/** Non-revoked objects of the given STIX types as `{id, name}`, sorted by id. */
export function extractNamed(bundle: StixBundle, types: readonly string[]): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const o of bundle.objects) {
    const id = attackId(o);
    if (types.includes(o.type) && !o.revoked && id) out.push({ id, name: requireName(o) });
  }
  return out.sort(byId);
}

/** Newest `modified` timestamp in the bundle: identifies the data snapshot. */
export function newestModified(bundle: StixBundle): string {
  let max = '';
  for (const o of bundle.objects) if (o.modified && o.modified > max) max = o.modified;
  return max;
}
