/**
 * Compiles a parsed detection (identifiers + condition) into one closure over the event, and
 * derives the "index atoms": a set of literal field tests at least one of which holds on every
 * event the detection matches (used by the rule index to skip rules that cannot match).
 */
import type { SigmaEvent } from '../types';
import { atomsStrength, compileFieldItem, type CompiledItem, type FieldResolver, type IndexAtom } from './item-compile';
import { compileKeywordItem } from './keyword-compile';
import type { ConditionNode, DetectionItem, SigmaDetection } from './model';
import type { ValueOptions } from './string-values';

/** An event test. */
export type EventTest = (event: SigmaEvent) => boolean;

/** A compiled detection: the test and, when derivable, a necessary disjunction of literal tests. */
export interface CompiledDetection {
  readonly test: EventTest;
  readonly atoms?: readonly IndexAtom[];
}

function allOf(tests: readonly EventTest[]): EventTest {
  if (tests.length === 1) return tests[0] as EventTest;
  if (tests.length === 2) {
    const [a, b] = tests as [EventTest, EventTest];
    return (e) => a(e) && b(e);
  }
  return (e) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as EventTest)(e)) return false;
    return true;
  };
}

function anyOf(tests: readonly EventTest[]): EventTest {
  if (tests.length === 1) return tests[0] as EventTest;
  return (e) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as EventTest)(e)) return true;
    return false;
  };
}

/** Conjunction: any one conjunct's atoms are necessary; keep the strongest. */
function bestOf(candidates: readonly (readonly IndexAtom[] | undefined)[]): readonly IndexAtom[] | undefined {
  let best: readonly IndexAtom[] | undefined;
  for (const c of candidates) if (c && (!best || atomsStrength(c) > atomsStrength(best))) best = c;
  return best;
}

/** Disjunction: every branch needs atoms, and the union is necessary. */
function unionOf(candidates: readonly (readonly IndexAtom[] | undefined)[]): readonly IndexAtom[] | undefined {
  if (candidates.some((c) => c === undefined)) return undefined;
  return (candidates as (readonly IndexAtom[])[]).flat();
}

function compileItem(item: DetectionItem, resolve: FieldResolver, opts: ValueOptions): CompiledItem {
  return item.field === null ? compileKeywordItem(item, opts) : compileFieldItem(item, resolve, opts);
}

function compileIdentifier(groups: readonly (readonly DetectionItem[])[], resolve: FieldResolver, opts: ValueOptions): CompiledDetection {
  const compiled = groups.map((items) => {
    const parts = items.map((it) => compileItem(it, resolve, opts));
    return { test: allOf(parts.map((p) => p.test)), atoms: bestOf(parts.map((p) => (p.atom ? [p.atom] : undefined))) };
  });
  const atoms = unionOf(compiled.map((g) => g.atoms));
  const test = anyOf(compiled.map((g) => g.test));
  return atoms ? { test, atoms } : { test };
}

/** Compiles a detection with the given field resolver (a variant's renames) and value options. */
export function compileDetection(detection: SigmaDetection, resolve: FieldResolver, opts: ValueOptions): CompiledDetection {
  const ids = new Map<string, CompiledDetection>();
  const identifier = (name: string): CompiledDetection => {
    let c = ids.get(name);
    if (!c) {
      c = compileIdentifier(detection.identifiers[name]?.groups ?? [], resolve, opts);
      ids.set(name, c);
    }
    return c;
  };
  const walk = (node: ConditionNode): CompiledDetection => {
    switch (node.type) {
      case 'id':
        return identifier(node.name);
      case 'not': {
        const inner = walk(node.arg).test;
        return { test: (e) => !inner(e) };
      }
      case 'and': {
        const parts = node.args.map(walk);
        const atoms = bestOf(parts.map((p) => p.atoms));
        const test = allOf(parts.map((p) => p.test));
        return atoms ? { test, atoms } : { test };
      }
      case 'or': {
        const parts = node.args.map(walk);
        const atoms = unionOf(parts.map((p) => p.atoms));
        const test = anyOf(parts.map((p) => p.test));
        return atoms ? { test, atoms } : { test };
      }
    }
  };
  return walk(detection.condition);
}

/** The conjunction of detections (a rule and the filters applied to it); atoms from the strongest. */
export function andDetections(parts: readonly CompiledDetection[]): CompiledDetection {
  const atoms = bestOf(parts.map((p) => p.atoms));
  const test = allOf(parts.map((p) => p.test));
  return atoms ? { test, atoms } : { test };
}
