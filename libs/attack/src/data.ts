import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { AttackDataFileSchema, type AttackDataFile } from './data-file';
import { attackDataInvalidError } from './errors';
import type { AttackNamed, AttackTactic, AttackTechnique } from './types';
import { V19_TACTIC_ALIASES, V19_TECHNIQUES } from './v19';

/** The committed data file written by `npm run attack:compile`. */
export const ATTACK_DATA_FILE = path.resolve(__dirname, '../generated/attack.json');

/** Lookup tables built once from the data file. Keys are lower case. */
export interface AttackIndex {
  readonly version: string;
  /** Tactics in kill-chain order. */
  readonly tactics: readonly AttackTactic[];
  /** Tactic by lower-case id (`ta0005`), shortname and v19 alias. */
  readonly tacticByKey: ReadonlyMap<string, AttackTactic>;
  /** Kill-chain position by tactic id. */
  readonly orderById: ReadonlyMap<string, number>;
  /** Current, deprecated and provisional v19 techniques by lower-case id. */
  readonly techniques: ReadonlyMap<string, AttackTechnique>;
  /** Revoked id (lower case) -> replacement id (upper case); absent when MITRE gave none. */
  readonly revoked: ReadonlyMap<string, string>;
  readonly groups: ReadonlyMap<string, AttackNamed>;
  readonly software: ReadonlyMap<string, AttackNamed>;
}

let cached: AttackIndex | undefined;

/** The index, loaded and checked on first use and shared afterwards. */
export function attackIndex(): AttackIndex {
  cached ??= buildIndex(readDataFile(ATTACK_DATA_FILE));
  return cached;
}

/** Reads and schema-checks a data file; throws `SOC_ERR_ATTACK_DATA_INVALID` when it does not match. */
export function readDataFile(file: string): AttackDataFile {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Value.Check(AttackDataFileSchema, parsed)) {
    throw attackDataInvalidError(file, [...Value.Errors(AttackDataFileSchema, parsed)].map((e) => `${e.path}: ${e.message}`));
  }
  return parsed;
}

/** Builds the lookup tables; exported for tests that index a data file of their own. */
export function buildIndex(data: AttackDataFile): AttackIndex {
  const tactics = data.tactics.map((t) => Object.freeze({ id: t.id, shortname: t.shortname, name: t.name }));
  const tacticByKey = new Map<string, AttackTactic>();
  for (const t of tactics) {
    tacticByKey.set(t.id.toLowerCase(), t);
    tacticByKey.set(t.shortname, t);
  }
  for (const [alias, target] of Object.entries(V19_TACTIC_ALIASES)) {
    const t = tacticByKey.get(target);
    if (t) tacticByKey.set(alias, t);
  }
  const techniques = new Map<string, AttackTechnique>();
  for (const t of [...data.techniques, ...V19_TECHNIQUES]) techniques.set(t.id.toLowerCase(), freezeTechnique(t));
  return {
    version: data.version,
    tactics,
    tacticByKey,
    orderById: new Map(tactics.map((t, i) => [t.id, i])),
    techniques,
    revoked: new Map(data.revoked.flatMap((r) => (r.by ? [[r.id.toLowerCase(), r.by] as const] : []))),
    groups: namedMap(data.groups),
    software: namedMap(data.software),
  };
}

function namedMap(items: readonly AttackNamed[]): Map<string, AttackNamed> {
  return new Map(items.map((i) => [i.id.toLowerCase(), Object.freeze({ id: i.id, name: i.name })]));
}

// Results are handed out by reference to every caller, so nothing may be mutated.
function freezeTechnique(t: AttackTechnique): AttackTechnique {
  Object.freeze(t.tactics);
  Object.freeze(t.platforms);
  return Object.freeze(t);
}
