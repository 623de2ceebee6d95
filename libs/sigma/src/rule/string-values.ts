/**
 * String values of a detection item, from the YAML value to the tests run on event text:
 * expand placeholders, windash variants, UTF-16/base64 encodings, contains/startswith/endswith
 * wildcards, then one test per resulting pattern. Literal tests are lowercased once here, so
 * matching an event lowercases the event text once and compares.
 */
import { CONTAINS_SET_MIN, containsAnyTest } from './contains-set';
import { base64, base64Offsets, bytesAsText, utf16Bytes, windashVariants } from './encodings';
import { BASE64_MODIFIERS, MATCH_MODIFIERS, UTF16_MODIFIERS } from './modifiers';
import type { ModifierName, SigmaScalar } from './model';
import { expandPlaceholders, MissingPlaceholder, type PlaceholderValues } from './placeholders';
import { RuleProblem } from './problem';
import { isLiteral, literalPattern, parseSigmaString, patternText, wrapPattern, classifyPattern, type Pattern, type PatternTest } from './wildcard';

/** Options of value compilation: placeholder values, or `validate` to only check the values. */
export interface ValueOptions {
  placeholders: PlaceholderValues | 'validate';
}

/** The text of a scalar rule value (numbers and booleans as written canonically). */
export function scalarText(v: SigmaScalar, path: string): string {
  if (v === null) throw new RuleProblem('null-in-list', 'null cannot be part of a list of values (spec: Special Field Values)', path);
  return typeof v === 'string' ? v : String(v);
}

function expandRaw(raw: string, mods: readonly ModifierName[], opts: ValueOptions, path: string): string[] {
  let out = [raw];
  if (mods.includes('expand')) {
    if (opts.placeholders === 'validate') return out;
    try {
      out = expandPlaceholders(raw, opts.placeholders);
    } catch (e) {
      if (e instanceof MissingPlaceholder) {
        throw new RuleProblem('undefined-placeholder', `placeholder '%${e.placeholder}%' has no values`, path);
      }
      throw e;
    }
  }
  if (mods.includes('windash')) out = out.flatMap(windashVariants);
  return out;
}

function encode(raw: string, mods: readonly ModifierName[], path: string): Pattern[] {
  const utf16 = mods.find((m) => UTF16_MODIFIERS.has(m));
  const b64 = mods.find((m) => BASE64_MODIFIERS.has(m));
  if (utf16 === undefined && b64 === undefined) return [parseSigmaString(raw)];
  const parsed = parseSigmaString(raw);
  if (!isLiteral(parsed)) {
    throw new RuleProblem('wildcard-in-encoded-value', 'wildcards cannot be encoded (utf16/base64 modifiers need plain text)', path);
  }
  const text = patternText(parsed);
  const bytes = utf16 !== undefined ? utf16Bytes(text, utf16) : Buffer.from(text, 'utf8');
  if (b64 === 'base64') return [literalPattern(base64(bytes))];
  if (b64 === 'base64offset') return base64Offsets(bytes).map(literalPattern);
  return [literalPattern(bytesAsText(bytes))];
}

/**
 * The patterns one item stands for, after every transformation modifier. `keyword` items
 * (full-text search) are substring searches unless a match modifier says otherwise.
 */
export function itemPatterns(values: readonly SigmaScalar[], mods: readonly ModifierName[], opts: ValueOptions, path: string, keyword: boolean): Pattern[][] {
  const match = mods.find((m) => MATCH_MODIFIERS.has(m)) ?? (keyword ? 'contains' : undefined);
  return values.map((value) =>
    expandRaw(scalarText(value, path), mods, opts, path).flatMap((raw) =>
      encode(raw, mods, path).map((p) =>
        wrapPattern(p, match === 'contains' || match === 'endswith', match === 'contains' || match === 'startswith'),
      ),
    ),
  );
}

/** Tests for a set of patterns; `lower` means literals are lowercased (case-insensitive). */
export function patternTests(patterns: readonly Pattern[], lower: boolean): PatternTest[] {
  return patterns.map((p) => classifyPattern(p, lower));
}

/** From this many suffixes on, they are looked up by path segment instead of tried one by one. */
const MANY_SUFFIXES = 8;

/**
 * "Does the text end with one of these suffixes", for long lists (`Image|endswith` with dozens
 * of `\\x.exe`): a suffix holding a path separator can only match a text whose last segment
 * (after that separator) is the suffix's own, so one Map lookup finds the few to try.
 */
function suffixSetTest(suffixes: readonly string[]): (s: string) => boolean {
  const bySegment = new Map<string, string[]>();
  const others: string[] = [];
  for (const x of suffixes) {
    const cut = x.lastIndexOf('\\');
    if (cut < 0 || x.lastIndexOf('/') > cut) {
      others.push(x);
      continue;
    }
    const key = x.slice(cut + 1);
    const list = bySegment.get(key);
    if (list) list.push(x);
    else bySegment.set(key, [x]);
  }
  return (s) => {
    const list = bySegment.get(s.slice(s.lastIndexOf('\\') + 1));
    if (list) for (let i = 0; i < list.length; i++) if (s.endsWith(list[i] as string)) return true;
    for (let i = 0; i < others.length; i++) if (s.endsWith(others[i] as string)) return true;
    return false;
  };
}

/**
 * One closure deciding "does the text match any of these tests": a Set for equalities, plain
 * string methods for prefixes, suffixes and substrings, RegExps only for inner wildcards.
 */
export function anyTextTest(tests: readonly PatternTest[]): (s: string) => boolean {
  const equals = new Set<string>();
  const starts: string[] = [];
  const ends: string[] = [];
  const contains: string[] = [];
  const regexes: RegExp[] = [];
  for (const t of tests) {
    if (t.kind === 'any') return () => true;
    if (t.kind === 'equals') equals.add(t.text);
    else if (t.kind === 'startswith') starts.push(t.text);
    else if (t.kind === 'endswith') ends.push(t.text);
    else if (t.kind === 'contains') contains.push(t.text);
    else regexes.push(t.re);
  }
  // Plain loops, not Array#some: no closure is allocated per event.
  const hasStarts = starts.length > 0;
  const hasEnds = ends.length > 0;
  const hasRegexes = regexes.length > 0;
  if (equals.size === tests.length) return (s) => equals.has(s);
  // A long list of substrings is searched in one scan of the text rather than one per needle.
  const hasContains = contains.length > 0 && contains.length < CONTAINS_SET_MIN;
  const many = contains.length >= CONTAINS_SET_MIN ? containsAnyTest(contains) : undefined;
  if (many) contains.length = 0;
  const manyEnds = ends.length >= MANY_SUFFIXES ? suffixSetTest(ends) : undefined;
  if (manyEnds) ends.length = 0;
  return (s) => {
    if (equals.has(s)) return true;
    if (manyEnds?.(s)) return true;
    if (hasEnds) for (let i = 0; i < ends.length; i++) if (s.endsWith(ends[i] as string)) return true;
    if (hasContains) for (let i = 0; i < contains.length; i++) if (s.includes(contains[i] as string)) return true;
    if (hasStarts) for (let i = 0; i < starts.length; i++) if (s.startsWith(starts[i] as string)) return true;
    if (many?.(s)) return true;
    if (hasRegexes) for (let i = 0; i < regexes.length; i++) if ((regexes[i] as RegExp).test(s)) return true;
    return false;
  };
}
