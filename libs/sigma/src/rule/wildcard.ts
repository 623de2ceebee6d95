/**
 * Sigma string values: wildcards `*` and `?`, and the backslash escapes of the spec
 * ("Escape Character"): `\*` and `\?` are plain, `\\` is one backslash, a backslash before
 * anything else is itself. A parsed value is a list of tokens that later becomes the cheapest
 * test that decides it (equality, prefix, suffix, substring; a RegExp only for inner wildcards).
 */

/** Unbounded wildcard token. */
export const STAR = 0;
/** Single-character wildcard token. */
export const QMARK = 1;
/** A parsed Sigma string: literal text and wildcard tokens, adjacent literals merged, stars collapsed. */
export type Pattern = readonly (string | typeof STAR | typeof QMARK)[];

/** Parses a Sigma string value into tokens, honouring the spec's escapes. */
export function parseSigmaString(value: string): Pattern {
  const out: (string | typeof STAR | typeof QMARK)[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') out.push(lit);
    lit = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        lit += next;
        i++;
      } else {
        lit += '\\';
      }
    } else if (c === '*') {
      flush();
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else if (c === '?') {
      flush();
      out.push(QMARK);
    } else {
      lit += c;
    }
  }
  flush();
  return out;
}

/** A pattern of plain text only. */
export function literalPattern(text: string): Pattern {
  return text === '' ? [] : [text];
}

/** True when the pattern has no wildcard. */
export function isLiteral(p: Pattern): boolean {
  return p.every((t) => typeof t === 'string');
}

/** The text of a wildcard-free pattern. */
export function patternText(p: Pattern): string {
  return p.filter((t): t is string => typeof t === 'string').join('');
}

/** Wraps a pattern in stars as contains/startswith/endswith do (no double stars). */
export function wrapPattern(p: Pattern, before: boolean, after: boolean): Pattern {
  const out = [...p];
  if (before && out[0] !== STAR) out.unshift(STAR);
  if (after && out[out.length - 1] !== STAR) out.push(STAR);
  return out;
}

/** How a pattern is decided: the literal is already lowercased when matching is case-insensitive. */
export type PatternTest =
  | { kind: 'equals'; text: string }
  | { kind: 'startswith'; text: string }
  | { kind: 'endswith'; text: string }
  | { kind: 'contains'; text: string }
  | { kind: 'any' }
  | { kind: 'regex'; re: RegExp };

/** Chooses the cheapest exact test for a pattern. `lower` lowercases literals (case-insensitive mode). */
export function classifyPattern(p: Pattern, lower: boolean): PatternTest {
  const norm = (s: string): string => (lower ? s.toLowerCase() : s);
  const [a, b, c] = p;
  if (p.length === 0) return { kind: 'equals', text: '' };
  if (p.length === 1 && typeof a === 'string') return { kind: 'equals', text: norm(a) };
  if (p.length === 1 && a === STAR) return { kind: 'any' };
  if (p.length === 2 && a === STAR && typeof b === 'string') return { kind: 'endswith', text: norm(b) };
  if (p.length === 2 && typeof a === 'string' && b === STAR) return { kind: 'startswith', text: norm(a) };
  if (p.length === 3 && a === STAR && typeof b === 'string' && c === STAR) return { kind: 'contains', text: norm(b) };
  return { kind: 'regex', re: patternRegExp(p, lower) };
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/**
 * A RegExp for a pattern; literals lowercased in case-insensitive mode (input is lowercased
 * too). A leading or trailing star drops the anchor instead of becoming `.*`, which would make
 * the engine backtrack over long texts.
 */
export function patternRegExp(p: Pattern, lower: boolean): RegExp {
  const tokens = [...p];
  const open = tokens[0] === STAR;
  const close = tokens.length > 1 && tokens[tokens.length - 1] === STAR;
  if (open) tokens.shift();
  if (close) tokens.pop();
  let src = open ? '' : '^';
  for (const t of tokens) {
    if (t === STAR) src += '[\\s\\S]*';
    else if (t === QMARK) src += '[\\s\\S]';
    else src += (lower ? t.toLowerCase() : t).replace(REGEX_SPECIAL, '\\$&');
  }
  return new RegExp(close ? src : `${src}$`, 'u');
}

/** Applies a test to a string (lowercased by the caller in case-insensitive mode). */
export function runPatternTest(t: PatternTest, s: string): boolean {
  switch (t.kind) {
    case 'equals':
      return s === t.text;
    case 'startswith':
      return s.startsWith(t.text);
    case 'endswith':
      return s.endsWith(t.text);
    case 'contains':
      return s.includes(t.text);
    case 'any':
      return true;
    case 'regex':
      return t.re.test(s);
  }
}
