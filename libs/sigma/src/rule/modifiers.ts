/**
 * The value modifier catalog (modifiers appendix v2.1.0) and the checks on a modifier chain.
 * A chain is classified by its "kind" (what the values are: strings, regexes, networks,
 * numbers...), and each kind admits a fixed set of modifiers; order matters only where the
 * spec's "applied in the given order" changes the result (encodings before wildcards).
 */
import type { ModifierName } from './model';

const ALL_MODIFIERS: readonly ModifierName[] = [
  'contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq', 'windash', 're', 'i', 'm', 's',
  'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'lt', 'lte', 'gt', 'gte',
  'minute', 'hour', 'day', 'week', 'month', 'year', 'cidr', 'expand', 'fieldref',
];
const KNOWN = new Set<string>(ALL_MODIFIERS);

/** What a chain makes of its values. */
export type ChainKind = 'string' | 're' | 'cidr' | 'exists' | 'compare' | 'fieldref';

export const MATCH_MODIFIERS: ReadonlySet<ModifierName> = new Set(['contains', 'startswith', 'endswith']);
export const UTF16_MODIFIERS: ReadonlySet<ModifierName> = new Set(['utf16le', 'utf16be', 'utf16', 'wide']);
export const BASE64_MODIFIERS: ReadonlySet<ModifierName> = new Set(['base64', 'base64offset']);
export const COMPARE_MODIFIERS: ReadonlySet<ModifierName> = new Set(['lt', 'lte', 'gt', 'gte']);
export const TIME_MODIFIERS: ReadonlySet<ModifierName> = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);

const ALLOWED: Readonly<Record<ChainKind, ReadonlySet<ModifierName>>> = {
  string: new Set<ModifierName>([
    'contains', 'startswith', 'endswith', 'all', 'cased', 'neq', 'windash', 'expand',
    'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide',
  ]),
  re: new Set<ModifierName>(['re', 'i', 'm', 's', 'all']),
  cidr: new Set<ModifierName>(['cidr']),
  exists: new Set<ModifierName>(['exists']),
  compare: new Set<ModifierName>(['lt', 'lte', 'gt', 'gte', 'neq', 'minute', 'hour', 'day', 'week', 'month', 'year']),
  fieldref: new Set<ModifierName>(['fieldref', 'contains', 'startswith', 'endswith', 'cased', 'neq', 'all']),
};

/** A rejected chain: a stable reason key and a human message. */
export interface ChainProblem {
  reason: string;
  message: string;
}

/** Splits `Field|mod1|mod2` into the field and raw modifier names. */
export function splitFieldKey(key: string): { field: string; modifiers: string[] } {
  const parts = key.split('|');
  return { field: parts[0] ?? '', modifiers: parts.slice(1) };
}

/** The kind a (known, de-duplicated) chain gives its values. */
export function chainKind(mods: readonly ModifierName[]): ChainKind {
  if (mods.includes('re')) return 're';
  if (mods.includes('cidr')) return 'cidr';
  if (mods.includes('exists')) return 'exists';
  if (mods.some((m) => COMPARE_MODIFIERS.has(m) || TIME_MODIFIERS.has(m))) return 'compare';
  if (mods.includes('fieldref')) return 'fieldref';
  return 'string';
}

/** Checks a raw modifier chain; returns the typed chain or the first problem found. */
export function checkModifierChain(raw: readonly string[]): { mods: ModifierName[] } | ChainProblem {
  const mods: ModifierName[] = [];
  for (const name of raw) {
    if (!KNOWN.has(name)) return { reason: 'unknown-modifier', message: `unknown modifier '${name}'` };
    const mod = name as ModifierName;
    if (mods.includes(mod)) return { reason: 'duplicate-modifier', message: `modifier '${name}' appears twice` };
    mods.push(mod);
  }
  const kind = chainKind(mods);
  const allowed = ALLOWED[kind];
  const bad = mods.find((m) => !allowed.has(m));
  if (bad !== undefined) {
    const reason = ['i', 'm', 's'].includes(bad) ? 'regex-flag-without-re' : 'incompatible-modifiers';
    return { reason, message: `modifier '${bad}' cannot be combined with ${kind === 'string' ? 'string matching' : `'${kind}'`}` };
  }
  return checkCounts(mods) ?? checkOrder(mods) ?? { mods };
}

function checkCounts(mods: readonly ModifierName[]): ChainProblem | undefined {
  const groups: [ReadonlySet<ModifierName>, string][] = [
    [MATCH_MODIFIERS, 'contains/startswith/endswith'],
    [UTF16_MODIFIERS, 'utf16le/utf16be/utf16/wide'],
    [BASE64_MODIFIERS, 'base64/base64offset'],
    [COMPARE_MODIFIERS, 'lt/lte/gt/gte'],
    [TIME_MODIFIERS, 'minute/hour/day/week/month/year'],
  ];
  for (const [group, label] of groups) {
    if (mods.filter((m) => group.has(m)).length > 1) {
      return { reason: 'incompatible-modifiers', message: `at most one of ${label} may be used` };
    }
  }
  if (mods.includes('neq') && mods.some((m) => COMPARE_MODIFIERS.has(m))) {
    return { reason: 'incompatible-modifiers', message: `'neq' cannot be combined with lt/lte/gt/gte` };
  }
  return undefined;
}

/**
 * Encodings work on plain text, so they must come before the modifiers that add wildcards,
 * and the UTF-16 transform must come before base64 (modifiers apply in the order given).
 */
function checkOrder(mods: readonly ModifierName[]): ChainProblem | undefined {
  const pos = (set: ReadonlySet<ModifierName>): number => mods.findIndex((m) => set.has(m));
  const match = pos(MATCH_MODIFIERS);
  const utf16 = pos(UTF16_MODIFIERS);
  const b64 = pos(BASE64_MODIFIERS);
  if (match >= 0 && ((b64 >= 0 && b64 > match) || (utf16 >= 0 && utf16 > match))) {
    return { reason: 'modifier-order', message: 'encoding modifiers must come before contains/startswith/endswith' };
  }
  if (utf16 >= 0 && b64 >= 0 && utf16 > b64) {
    return { reason: 'modifier-order', message: 'utf16 modifiers must come before base64/base64offset' };
  }
  return undefined;
}
