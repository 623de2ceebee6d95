/**
 * Compiles one detection item (`field|mods: values`) into a closure over the event, and
 * reports what the rule index may use: a literal condition the field must meet for the item
 * to match. Fields are resolved to accessors here, once.
 */
import type { FieldAccessor, SigmaEvent } from '../types';
import { chainKind, MATCH_MODIFIERS } from './modifiers';
import type { DetectionItem } from './model';
import { RuleProblem } from './problem';
import { anyTextTest, itemPatterns, patternTests, scalarText, type ValueOptions } from './string-values';
import { lower, toText } from './text';
import { cidrTest, compareTests, regexTests, type ScalarTest } from './value-kinds';
import { classifyPattern, type PatternTest } from './wildcard';

/** Resolves a Sigma field name (variant renames applied) to the event field and its accessor. */
export type FieldResolver = (sigmaField: string) => { name: string; accessor: FieldAccessor };

/** A literal test on the lowercased text of a field: equality, prefix, suffix or substring. */
export interface IndexLiteral {
  readonly kind: 'equals' | 'startswith' | 'endswith' | 'contains';
  readonly text: string;
}

/** A condition a field must meet for an item to match: pass at least one of `literals`. */
export interface IndexAtom {
  readonly field: string;
  readonly accessor: FieldAccessor;
  readonly literals: readonly IndexLiteral[];
}

/** An item compiled: the event test and, when there is one, a necessary literal condition. */
export interface CompiledItem {
  readonly test: (event: SigmaEvent) => boolean;
  readonly atom?: IndexAtom;
}

function anyOf(v: unknown, t: ScalarTest): boolean {
  if (!Array.isArray(v)) return t(v);
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

function textScalarTest(tests: readonly PatternTest[], cased: boolean): ScalarTest {
  const run = anyTextTest(tests);
  return cased
    ? (v) => {
        const t = toText(v);
        return t !== undefined && run(t);
      }
    : (v) => {
        const t = toText(v);
        return t !== undefined && run(lower(t));
      };
}

/** Substrings are indexed by one of their 4-character grams, so shorter ones cannot be. */
export const MIN_CONTAINS_INDEX = 4;

function usable(t: PatternTest): IndexLiteral | undefined {
  if (t.kind === 'contains') return t.text.length >= MIN_CONTAINS_INDEX ? { kind: t.kind, text: t.text } : undefined;
  return (t.kind === 'equals' || t.kind === 'startswith' || t.kind === 'endswith') && t.text !== '' ? { kind: t.kind, text: t.text } : undefined;
}

/** The index atom of a string item, when every alternative is a usable literal test. */
function stringAtom(field: string, accessor: FieldAccessor, lowered: PatternTest[][], all: boolean): IndexAtom | undefined {
  // With `all`, each value is necessary, so one value's alternatives suffice; otherwise all are.
  const candidates = all ? lowered : [lowered.flat()];
  let best: IndexAtom | undefined;
  for (const alts of candidates) {
    const literals = alts.map(usable);
    if (literals.length === 0 || !literals.every((l) => l !== undefined)) continue;
    const atom: IndexAtom = { field, accessor, literals: literals as IndexLiteral[] };
    if (!best || atomsStrength([atom]) > atomsStrength([best])) best = atom;
  }
  return best;
}

/** Literal strength: equalities narrow most, then long affixes; a substring gram narrows less. */
function literalStrength(l: IndexLiteral): number {
  if (l.kind === 'contains') return 6;
  return Math.min(l.text.length, 12) + (l.kind === 'equals' ? 6 : 0);
}

/** How much a disjunction narrows the candidates: its weakest literal decides (higher is better). */
export function atomsStrength(atoms: readonly IndexAtom[]): number {
  let weakest = Infinity;
  let count = 0;
  for (const a of atoms) {
    for (const l of a.literals) {
      weakest = Math.min(weakest, literalStrength(l));
      count++;
    }
  }
  return count === 0 ? -Infinity : weakest - count / 1000;
}

function compileStringItem(item: DetectionItem, field: { name: string; accessor: FieldAccessor }, opts: ValueOptions): CompiledItem {
  const mods = item.modifiers;
  const all = mods.includes('all');
  const cased = mods.includes('cased');
  const perValue = itemPatterns(item.values, mods, opts, item.path, false);
  const tests = all ? perValue.map((ps) => textScalarTest(patternTests(ps, !cased), cased)) : [textScalarTest(patternTests(perValue.flat(), !cased), cased)];
  const test = fieldTest(field.accessor, tests, all, mods.includes('neq'));
  if (mods.includes('neq')) return { test };
  const atom = stringAtom(field.name, field.accessor, perValue.map((ps) => ps.map((p) => classifyPattern(p, true))), all);
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
    case 're':
      return { test: fieldTest(acc, regexTests(item.values, mods, item.path), all, false) };
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
