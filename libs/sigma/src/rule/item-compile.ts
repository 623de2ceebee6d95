/**
 * Compiles one detection item (`field|mods: values`) into a closure over the event, and
 * reports what the rule index may use: a literal condition the field must meet for the item
 * to match. Fields are resolved to accessors here, once.
 */
import type { FieldAccessor, SigmaEvent } from '../types';
import { chainKind, MATCH_MODIFIERS } from './modifiers';
import type { DetectionItem } from './model';
import { RuleProblem } from './problem';
import { someLowered, type FieldSlot } from './field-slot';
import { anyTextTest, itemPatterns, patternTests, scalarText, type ValueOptions } from './string-values';
import { lower, toText } from './text';
import { regexLiterals } from './regex-literals';
import { cidrTest, compareTests, compileRegex, regexTests, type ScalarTest } from './value-kinds';
import type { Pattern, PatternTest } from './wildcard';

// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const isArray = Array.isArray;

/** Resolves a Sigma field name (variant renames applied) to the event field, its accessor and slot. */
export type FieldResolver = (sigmaField: string) => { name: string; accessor: FieldAccessor; slot: FieldSlot };

/** A literal test on the lowercased text of a field: equality, prefix, suffix or substring. */
export interface IndexLiteral {
  readonly kind: 'equals' | 'startswith' | 'endswith' | 'contains';
  readonly text: string;
}

/**
 * A condition a field must meet for an item to match: pass at least one of `literals`. A
 * keyword atom (`slot` undefined) holds when some string of the event contains a literal.
 */
export interface IndexAtom {
  readonly field: string;
  /** The field's accessor (reads nothing for a keyword atom). */
  readonly accessor: FieldAccessor;
  readonly slot: FieldSlot | undefined;
  readonly literals: readonly IndexLiteral[];
}

/** An item compiled: the event test and, when there is one, a necessary literal condition. */
export interface CompiledItem {
  readonly test: (event: SigmaEvent) => boolean;
  readonly atom?: IndexAtom;
}

function anyOf(v: unknown, t: ScalarTest): boolean {
  if (!isArray(v)) return t(v);
  for (let i = 0; i < v.length; i++) if (t(v[i])) return true;
  return false;
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

/** Combines scalar tests into an event test for one field (OR, `all`, or `neq`). */
function fieldTest(acc: FieldAccessor, tests: readonly ScalarTest[], all: boolean, neq: boolean): (e: SigmaEvent) => boolean {
  const one = tests.length === 1 ? (tests[0] as ScalarTest) : (v: unknown) => tests.some((t) => t(v));
  if (neq) {
    // "Different from the values": present, and no element equals any of them.
    return (e) => {
      const v = acc(e);
      return !isAbsent(v) && !anyOf(v, one);
    };
  }
  if (all && tests.length > 1) {
    return (e) => {
      const v = acc(e);
      if (isAbsent(v)) return false;
      for (let i = 0; i < tests.length; i++) if (!anyOf(v, tests[i] as ScalarTest)) return false;
      return true;
    };
  }
  return (e) => {
    const v = acc(e);
    return !isAbsent(v) && anyOf(v, one);
  };
}

/**
 * The same combinations over the field's lowercased text, read once per evaluation from the
 * slot (case-insensitive items: the rules' literals are lowercased already).
 */
function loweredFieldTest(slot: FieldSlot, tests: readonly TextTest[], all: boolean, neq: boolean): (e: SigmaEvent) => boolean {
  const one: TextTest = tests.length === 1 ? (tests[0] as TextTest) : (s) => anyText(tests, s);
  if (neq) return (e) => !isAbsent(slot.value(e)) && !someLowered(slot.lowered(e), one);
  if (all && tests.length > 1) {
    return (e) => {
      const low = slot.lowered(e);
      for (let i = 0; i < tests.length; i++) if (!someLowered(low, tests[i] as TextTest)) return false;
      return true;
    };
  }
  return (e) => someLowered(slot.lowered(e), one);
}

type TextTest = (s: string) => boolean;

function anyText(tests: readonly TextTest[], s: string): boolean {
  for (let i = 0; i < tests.length; i++) if ((tests[i] as TextTest)(s)) return true;
  return false;
}

function casedScalarTest(tests: readonly PatternTest[]): ScalarTest {
  const run = anyTextTest(tests);
  return (v) => {
    const t = toText(v);
    return t !== undefined && run(t);
  };
}

const readNothing: FieldAccessor = () => undefined;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * The index literal of a pattern, if it has one: its test's literal, or for inner wildcards
 * (`*a*b*`) its longest literal piece as a substring. A `cased` literal is matched on raw text
 * but indexed on lowercased text, which is sound only when lowercasing cannot move or merge
 * its characters, i.e. for ASCII literals.
 */
export function patternLiteral(p: Pattern, t: PatternTest, cased: boolean): IndexLiteral | undefined {
  let lit: IndexLiteral | undefined;
  if (t.kind === 'equals' || t.kind === 'startswith' || t.kind === 'endswith' || t.kind === 'contains') {
    lit = { kind: t.kind, text: t.text };
  } else if (t.kind === 'regex') {
    let longest = '';
    for (const token of p) if (typeof token === 'string' && token.length > longest.length) longest = token;
    lit = { kind: 'contains', text: cased ? longest : longest.toLowerCase() };
  }
  if (!lit || lit.text === '' || (cased && !isAscii(lit.text))) return undefined;
  return cased ? { kind: lit.kind, text: lit.text.toLowerCase() } : lit;
}

/** The index atom of an item, when every alternative has a literal (with `all`, any one value's alternatives suffice). */
export function stringAtom(field: string, slot: FieldSlot | undefined, perValue: readonly (readonly (IndexLiteral | undefined)[])[], all: boolean): IndexAtom | undefined {
  const candidates = all ? perValue : [perValue.flat()];
  let best: IndexAtom | undefined;
  for (const literals of candidates) {
    if (literals.length === 0 || !literals.every((l) => l !== undefined)) continue;
    const atom: IndexAtom = { field, accessor: slot ? slot.get : readNothing, slot, literals: literals as IndexLiteral[] };
    if (!best || atomsCost([atom]) < atomsCost([best])) best = atom;
  }
  return best;
}

/**
 * Estimated chance that a field value passes a literal test, from its kind and length only (the
 * index must not depend on any event data): long literals and whole path segments are rare.
 */
export function literalCost(l: IndexLiteral): number {
  const n = l.text.length;
  switch (l.kind) {
    case 'equals':
      return n <= 2 ? 0.3 : n <= 4 ? 0.05 : 0.01;
    case 'endswith': {
      const sep = Math.max(l.text.lastIndexOf('\\'), l.text.lastIndexOf('/'));
      if (sep >= 0 && n - sep > 4) return 0.02;
      return n <= 3 ? 0.5 : n <= 5 ? 0.2 : n <= 8 ? 0.05 : 0.02;
    }
    case 'startswith':
      return n <= 3 ? 0.3 : n <= 6 ? 0.1 : n <= 10 ? 0.03 : 0.01;
    case 'contains':
      return n <= 2 ? 0.3 : n <= 3 ? 0.15 : n <= 5 ? 0.05 : n <= 8 ? 0.02 : 0.01;
  }
}

/** Estimated chance that an event passes a disjunction of atoms (lower narrows more). */
export function atomsCost(atoms: readonly IndexAtom[]): number {
  let cost = 0;
  for (const a of atoms) for (const l of a.literals) cost += literalCost(l);
  return Math.min(cost, 1);
}

function compileStringItem(item: DetectionItem, field: { name: string; accessor: FieldAccessor; slot: FieldSlot }, opts: ValueOptions): CompiledItem {
  const mods = item.modifiers;
  const all = mods.includes('all');
  const cased = mods.includes('cased');
  const neq = mods.includes('neq');
  const patterns = itemPatterns(item.values, mods, opts, item.path, false);
  const perValue = patterns.map((ps) => patternTests(ps, !cased));
  const groups = all ? perValue : [perValue.flat()];
  const test = cased
    ? fieldTest(field.accessor, groups.map(casedScalarTest), all, neq)
    : loweredFieldTest(field.slot, groups.map(anyTextTest), all, neq);
  if (neq) return { test };
  const literals = patterns.map((ps, i) => ps.map((p, j) => patternLiteral(p, (perValue[i] as PatternTest[])[j] as PatternTest, cased)));
  const atom = stringAtom(field.name, field.slot, literals, all);
  return atom ? { test, atom } : { test };
}

function compileFieldref(item: DetectionItem, field: { accessor: FieldAccessor }, resolve: FieldResolver): CompiledItem {
  const mods = item.modifiers;
  const cased = mods.includes('cased');
  const match = mods.find((m) => MATCH_MODIFIERS.has(m));
  const cmp = (a: string, b: string): boolean =>
    match === 'contains' ? a.includes(b) : match === 'startswith' ? a.startsWith(b) : match === 'endswith' ? a.endsWith(b) : a === b;
  const others = item.values.map((v) => {
    if (typeof v !== 'string') throw new RuleProblem('bad-fieldref', 'fieldref values must be field names', item.path);
    return resolve(v).accessor;
  });
  const tests: ((e: SigmaEvent) => boolean)[] = others.map((other) => (e) => {
    const b = other(e);
    return anyOf(b, (bv) => {
      const bt = toText(bv);
      if (bt === undefined) return false;
      const needle = cased ? bt : lower(bt);
      return anyOf(field.accessor(e), (av) => {
        const at = toText(av);
        return at !== undefined && cmp(cased ? at : lower(at), needle);
      });
    });
  });
  const any = (e: SigmaEvent): boolean => tests.some((t) => t(e));
  if (mods.includes('neq')) return { test: (e) => !isAbsent(field.accessor(e)) && !any(e) };
  if (mods.includes('all')) return { test: (e) => tests.every((t) => t(e)) };
  return { test: any };
}

function compileExists(item: DetectionItem, acc: FieldAccessor): CompiledItem {
  const [v] = item.values;
  if (item.values.length !== 1 || typeof v !== 'boolean') {
    throw new RuleProblem('bad-exists-value', 'exists takes one boolean value', item.path);
  }
  return { test: v ? (e) => acc(e) !== undefined : (e) => acc(e) === undefined };
}

/** Substrings each regex needs (lowercased; ASCII only, see patternLiteral), as an atom. */
function regexAtom(item: DetectionItem, field: { name: string; slot: FieldSlot }): IndexAtom | undefined {
  const perValue = item.values.map((v) => {
    const re = compileRegex(String(v), item.modifiers, item.path);
    const found = regexLiterals(re.source) ?? [];
    if (found.length === 0 || !found.every(isAscii)) return [undefined];
    return found.map((text): IndexLiteral => ({ kind: 'contains', text: text.toLowerCase() }));
  });
  return stringAtom(field.name, field.slot, perValue, item.modifiers.includes('all'));
}

/** Compiles a field item (not a keyword item) with the given resolver and options. */
export function compileFieldItem(item: DetectionItem, resolve: FieldResolver, opts: ValueOptions): CompiledItem {
  const field = resolve(item.field ?? '');
  const acc = field.accessor;
  const mods = item.modifiers;
  if (item.values.length === 1 && item.values[0] === null) {
    if (mods.length > 0) throw new RuleProblem('bad-null-value', 'null takes no modifiers', item.path);
    return { test: (e) => isAbsent(acc(e)) };
  }
  const all = mods.includes('all');
  switch (chainKind(mods)) {
    case 'exists':
      return compileExists(item, acc);
    case 're': {
      const test = fieldTest(acc, regexTests(item.values, mods, item.path), all, false);
      const atom = regexAtom(item, field);
      return atom ? { test, atom } : { test };
    }
    case 'cidr':
      return { test: fieldTest(acc, [cidrTest(item.values, item.path)], false, false) };
    case 'compare':
      return { test: fieldTest(acc, compareTests(item.values, mods, item.path), all, mods.includes('neq')) };
    case 'fieldref':
      return compileFieldref(item, field, resolve);
    default:
      item.values.forEach((v) => scalarText(v, item.path));
      return compileStringItem(item, field, opts);
  }
}
