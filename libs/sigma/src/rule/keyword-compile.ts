/**
 * Keyword items (rules spec "Keywords search"): values searched in every string (and number)
 * value of the event, at any depth. A keyword without a match modifier is a substring search,
 * since it is "applied to the full log message".
 */
import type { SigmaEvent } from '../types';
import type { DetectionItem } from './model';
import { RuleProblem } from './problem';
import { anyTextTest, itemPatterns, patternTests, type ValueOptions } from './string-values';
import { lower } from './text';
import { chainKind } from './modifiers';
import { patternLiteral, stringAtom, type CompiledItem, type IndexAtom } from './item-compile';
import type { Pattern, PatternTest } from './wildcard';

// Globals read once: inside jest's vm context every global lookup goes through the sandbox (~10x slower).
const isArray = Array.isArray;
const numberText = String;

/** True when `test` accepts the text of some scalar inside `v` (objects and arrays walked). */
export function someText(v: unknown, test: (s: string) => boolean, cased: boolean): boolean {
  if (typeof v === 'string') return test(cased ? v : lower(v));
  if (typeof v === 'number') return test(numberText(v));
  if (isArray(v)) {
    for (let i = 0; i < v.length; i++) if (someText(v[i], test, cased)) return true;
    return false;
  }
  if (v !== null && typeof v === 'object') {
    for (const k in v) {
      if (someText((v as Record<string, unknown>)[k], test, cased)) return true;
    }
  }
  return false;
}

/** Compiles a keyword item: OR of its keywords, AND with `all`. */
export function compileKeywordItem(item: DetectionItem, opts: ValueOptions): CompiledItem {
  const mods = item.modifiers;
  if (chainKind(mods) !== 'string' || mods.includes('neq')) {
    throw new RuleProblem('bad-keyword-modifier', `keywords take string modifiers only, not '${mods.join('|')}'`, item.path);
  }
  const cased = mods.includes('cased');
  const all = mods.includes('all');
  const patterns = itemPatterns(item.values, mods, opts, item.path, true);
  const perValue = patterns.map((ps) => patternTests(ps, !cased));
  const atom = keywordAtom(patterns, perValue, all, cased);
  if (all) {
    const tests = perValue.map((ps) => anyTextTest(ps));
    const test = (e: SigmaEvent): boolean => {
      for (let i = 0; i < tests.length; i++) if (!someText(e, tests[i] as (s: string) => boolean, cased)) return false;
      return true;
    };
    return atom ? { test, atom } : { test };
  }
  const one = anyTextTest(perValue.flat());
  const test = (e: SigmaEvent): boolean => someText(e, one, cased);
  return atom ? { test, atom } : { test };
}

/** Field name of keyword atoms: the index searches every string of the event for them. */
export const KEYWORD_FIELD = '\u0000keywords';

/**
 * A keyword matches when some string of the event passes it, so it needs that string to
 * contain its literal (whatever the match modifier): the atom is a substring search.
 */
function keywordAtom(patterns: readonly Pattern[][], perValue: readonly PatternTest[][], all: boolean, cased: boolean): IndexAtom | undefined {
  const literals = patterns.map((ps, i) =>
    ps.map((p, j) => {
      const lit = patternLiteral(p, (perValue[i] as PatternTest[])[j] as PatternTest, cased);
      return lit && { kind: 'contains' as const, text: lit.text };
    }),
  );
  return stringAtom(KEYWORD_FIELD, undefined, literals, all);
}
