/**
 * Scalar tests for the non-string value kinds: `re` (JavaScript RegExp), `cidr`, numeric
 * comparisons (`lt`...`gte`, `neq` on numbers) and the time parts (`minute`...`year`).
 */
import { cidrContains, parseCidr } from './cidr';
import { COMPARE_MODIFIERS, TIME_MODIFIERS } from './modifiers';
import type { ModifierName, SigmaScalar } from './model';
import { RuleProblem } from './problem';
import { piecesInOrderTest, regexLiterals } from './regex-literals';
import { toText } from './text';

/** A test on one scalar of the event. */
export type ScalarTest = (v: unknown) => boolean;

// PCRE spells flags inline at the start; JavaScript takes them as RegExp flags.
const LEADING_FLAGS = /^\(\?([imsx]+)\)/;

/** Builds the RegExp of an `re` value: case-sensitive unless `i`; `m` and `s` as in PCRE. */
export function compileRegex(source: string, mods: readonly ModifierName[], path: string): RegExp {
  let flags = '';
  let body = source;
  const lead = LEADING_FLAGS.exec(body);
  if (lead) {
    const inline = lead[1] ?? '';
    if (inline.includes('x')) throw new RuleProblem('bad-regex', `unsupported inline regex flag in '${source}'`, path);
    flags += inline;
    body = body.slice(lead[0].length);
  }
  for (const f of ['i', 'm', 's'] as const) if (mods.includes(f) && !flags.includes(f)) flags += f;
  // Python/PCRE named groups.
  body = body.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new RuleProblem('bad-regex', `invalid regular expression '${source}': ${(e as Error).message}`, path);
  }
}

/** `re`: tests the value's text with each RegExp (one test per value). */
export function regexTests(values: readonly SigmaScalar[], mods: readonly ModifierName[], path: string): ScalarTest[] {
  return values.map((v) => {
    if (typeof v !== 'string') throw new RuleProblem('bad-regex', 'a regular expression must be a string', path);
    const re = compileRegex(v, mods, path);
    const fast = piecesInOrderTest(re);
    if (fast) {
      return (x: unknown) => {
        const t = toText(x);
        return t !== undefined && fast(t);
      };
    }
    // Case-sensitive: a text without any of the literals the regex needs cannot match.
    const needed = re.flags.includes('i') ? undefined : regexLiterals(re.source);
    return (x: unknown) => {
      const t = toText(x);
      return t !== undefined && (needed === undefined || includesAny(t, needed)) && re.test(t);
    };
  });
}

function includesAny(t: string, needles: readonly string[]): boolean {
  for (let i = 0; i < needles.length; i++) if (t.includes(needles[i] as string)) return true;
  return false;
}

/** `cidr`: one test accepting an address inside any of the networks. */
export function cidrTest(values: readonly SigmaScalar[], path: string): ScalarTest {
  const nets = values.map((v) => {
    const net = typeof v === 'string' ? parseCidr(v) : undefined;
    if (net === undefined) throw new RuleProblem('bad-cidr', `invalid CIDR network '${String(v)}'`, path);
    return net;
  });
  return (x: unknown) => {
    const t = toText(x);
    if (t === undefined) return false;
    for (const net of nets) if (cidrContains(net, t)) return true;
    return false;
  };
}

/** A finite number from a number or numeric text, else undefined. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
}

/** The time part a time modifier extracts (UTC; no time zone handling, as the spec warns). */
function timePart(mod: ModifierName, v: unknown): number | undefined {
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  switch (mod) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'week':
      return isoWeek(d);
    case 'month':
      return d.getUTCMonth() + 1;
    default:
      return d.getUTCFullYear();
  }
}

type Cmp = (a: number, b: number) => boolean;
const CMP: Record<string, Cmp> = {
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  eq: (a, b) => a === b,
};

/** Numeric comparisons and time parts (equality when neither lt/lte/gt/gte): one test per value. */
export function compareTests(values: readonly SigmaScalar[], mods: readonly ModifierName[], path: string): ScalarTest[] {
  // `neq` is applied by the caller as the negation of "equals one of the values".
  const op = mods.find((m) => COMPARE_MODIFIERS.has(m)) ?? 'eq';
  const time = mods.find((m) => TIME_MODIFIERS.has(m));
  const cmp = CMP[op] as Cmp;
  return values.map((v) => {
    const n = toNumber(v);
    if (n === undefined) throw new RuleProblem('bad-number', `'${String(v)}' is not a number`, path);
    if (time !== undefined) {
      return (x: unknown) => {
        const part = timePart(time, x);
        return part !== undefined && cmp(part, n);
      };
    }
    return (x: unknown) => {
      const num = toNumber(x);
      return num !== undefined && cmp(num, n);
    };
  });
}
