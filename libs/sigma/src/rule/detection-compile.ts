/**
 * Compiles a parsed detection (identifiers + condition) into one closure over the event, and
 * derives the "index atoms": a set of literal field tests at least one of which holds on every
 * event the detection matches (used by the rule index to skip rules that cannot match).
 */
import type { SigmaEvent } from '../types';
import { atomsCost, compileFieldItem, type CompiledItem, type FieldResolver, type IndexAtom } from './item-compile';
import { compileKeywordItem } from './keyword-compile';
import type { ConditionNode, DetectionItem, SigmaDetection } from './model';
import type { ValueOptions } from './string-values';

/** An event test. */
export type EventTest = (event: SigmaEvent) => boolean;

/**
 * A compiled detection: the test and, when derivable, necessary disjunctions of literal tests:
 * `choices` are alternatives (each holds on every event the detection matches), cheapest first;
 * `atoms` is the first. The rule index picks among them knowing what its partition decides.
 */
export interface CompiledDetection {
  readonly test: EventTest;
  readonly atoms?: readonly IndexAtom[];
  readonly choices?: readonly (readonly IndexAtom[])[];
}

type Choices = readonly (readonly IndexAtom[])[];

/** Alternatives kept per node: enough to skip the ones a partition makes useless. */
const MAX_CHOICES = 6;

function withChoices(test: EventTest, choices: Choices | undefined): CompiledDetection {
  return choices && choices.length > 0 ? { test, atoms: choices[0], choices } : { test };
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

/** Conjunction: each conjunct's alternatives are necessary; keep the cheapest few. */
function allChoices(parts: readonly (Choices | undefined)[]): Choices | undefined {
  const all = parts.flatMap((c) => c ?? []);
  if (all.length === 0) return undefined;
  return [...all].sort((a, b) => atomsCost(a) - atomsCost(b)).slice(0, MAX_CHOICES);
}

/**
 * Disjunction: every branch needs one of its alternatives, so the union of one alternative per
 * branch is necessary. The cheapest per branch first, then that union with one branch swapped
 * for its next alternative (so the index can avoid a field its partition already decides).
 */
function unionChoice(parts: readonly (Choices | undefined)[]): Choices | undefined {
  const branches: Choices[] = [];
  for (const c of parts) {
    if (!c || c.length === 0) return undefined;
    branches.push(c);
  }
  const firsts = branches.map((c) => c[0] as readonly IndexAtom[]);
  const out: (readonly IndexAtom[])[] = [firsts.flat()];
  branches.forEach((c, i) => {
    for (let j = 1; j < Math.min(c.length, 3); j++) out.push(firsts.map((f, k) => (k === i ? (c[j] as readonly IndexAtom[]) : f)).flat());
  });
  return out.sort((a, b) => atomsCost(a) - atomsCost(b)).slice(0, MAX_CHOICES);
}

function compileItem(item: DetectionItem, resolve: FieldResolver, opts: ValueOptions): CompiledItem {
  return item.field === null ? compileKeywordItem(item, opts) : compileFieldItem(item, resolve, opts);
}

function compileIdentifier(groups: readonly (readonly DetectionItem[])[], resolve: FieldResolver, opts: ValueOptions): CompiledDetection {
  const compiled = groups.map((items) => {
    const parts = items.map((it) => compileItem(it, resolve, opts));
    return { test: allOf(parts.map((p) => p.test)), choices: allChoices(parts.map((p) => (p.atom ? [[p.atom]] : undefined))) };
  });
  const test = anyOf(compiled.map((g) => g.test));
  return withChoices(test, compiled.length === 1 ? compiled[0]?.choices : unionChoice(compiled.map((g) => g.choices)));
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
        return withChoices(allOf(parts.map((p) => p.test)), allChoices(parts.map((p) => p.choices)));
      }
      case 'or': {
        const parts = node.args.map(walk);
        return withChoices(anyOf(parts.map((p) => p.test)), unionChoice(parts.map((p) => p.choices)));
      }
    }
  };
  return walk(detection.condition);
}

/** The conjunction of detections (a rule and the filters applied to it). */
export function andDetections(parts: readonly CompiledDetection[]): CompiledDetection {
  return withChoices(allOf(parts.map((p) => p.test)), allChoices(parts.map((p) => p.choices)));
}
