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
import type { CompiledItem } from './item-compile';

/** True when `test` accepts the text of some scalar inside `v` (objects and arrays walked). */
export function someText(v: unknown, test: (s: string) => boolean, cased: boolean): boolean {
  if (typeof v === 'string') return test(cased ? v : lower(v));
  if (typeof v === 'number') return test(String(v));
  if (Array.isArray(v)) {
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
  const perValue = itemPatterns(item.values, mods, opts, item.path, true);
  if (mods.includes('all')) {
    const tests = perValue.map((ps) => anyTextTest(patternTests(ps, !cased)));
    return { test: (e: SigmaEvent) => tests.every((t) => someText(e, t, cased)) };
  }
  const test = anyTextTest(patternTests(perValue.flat(), !cased));
  return { test: (e: SigmaEvent) => someText(e, test, cased) };
}
