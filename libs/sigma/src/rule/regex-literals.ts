/**
 * Literal text a regular expression cannot match without: for the rule index, so that `re`
 * rules are checked only on events holding one of their literals. Conservative: anything not
 * understood (groups, classes, escapes of letters, backreferences, lookarounds) only ends a
 * literal run, it never adds text; a top-level alternation needs a literal in every branch.
 */

/** Skips a `[...]` class from its `[`; returns the index after `]`. */
function skipClass(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  for (; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === ']') return j + 1;
  }
  return src.length;
}

/** Skips a `(...)` group from its `(`; returns the index after the matching `)`. */
function skipGroup(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') j = skipClass(src, j) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return src.length;
}

/** Top-level `|` positions split the source into branches. */
function branches(src: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let j = 0; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '[') j = skipClass(src, j) - 1;
    else if (c === '(') j = skipGroup(src, j) - 1;
    else if (c === '|') {
      out.push(src.slice(start, j));
      start = j + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

/** After `\\x`, `\\u`, `\\1`, `\\c`, `\\k<..>`, `\\p{..}`: the index after what belongs to the escape. */
function skipEscapePayload(src: string, from: number, e: string): number {
  let j = from;
  if (e === 'c') return j + 1;
  if ('kpPu'.includes(e) && (src[j] === '<' || src[j] === '{')) {
    const close = src.indexOf(src[j] === '<' ? '>' : '}', j);
    return close < 0 ? src.length : close + 1;
  }
  if (e === 'x' || e === 'u' || /[0-9]/.test(e)) while (j < src.length && /[0-9A-Fa-f]/.test(src[j] as string)) j++;
  return j;
}

const QUANTIFIER = /^(?:[*?]|\{0[,}]|\{,)/;
const REPEAT = /^(?:\+|\{[1-9]\d*(?:,\d*)?\})/;

/** The longest literal run of one branch (no alternation at its top level), or ''. */
function longestRun(src: string): string {
  let best = '';
  let run = '';
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i] as string;
    let lit: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = src[i + 1];
      // Only an escaped punctuation character stands for itself; skip the payload of others.
      if (e !== undefined && /[^A-Za-z0-9]/.test(e)) lit = e;
      next = e !== undefined && /[A-Za-z0-9]/.test(e) ? skipEscapePayload(src, i + 2, e) : i + 2;
    } else if (c === '[') {
      next = skipClass(src, i);
    } else if (c === '(') {
      next = skipGroup(src, i);
    } else if (c === '{') {
      const q = /^\{\d*(?:,\d*)?\}/.exec(src.slice(i));
      next = q ? i + q[0].length : i + 1;
    } else if (!'.^$*+?{}|)'.includes(c) && c.charCodeAt(0) < 128) {
      lit = c;
    }
    const rest = src.slice(next);
    if (lit !== undefined && QUANTIFIER.test(rest)) {
      lit = undefined; // optional: not necessary
    } else if (lit !== undefined && REPEAT.test(rest)) {
      run += lit; // at least once, but what follows may be a repeat
      lit = undefined;
      end();
    }
    if (lit === undefined) end();
    else run += lit;
    i = next;
  }
  end();
  return best;
}

/**
 * Substrings at least one of which every text the regex matches contains (one per top-level
 * branch), or undefined when some branch has none.
 */
export function regexLiterals(source: string): string[] | undefined {
  const out: string[] = [];
  for (const b of branches(source)) {
    const run = longestRun(b);
    if (run === '') return undefined;
    out.push(run);
  }
  return out;
}

/** The literal pieces of a source of the form `a.*b.*c` (escaped punctuation allowed), or undefined. */
function dotStarPieces(src: string): string[] | undefined {
  const pieces: string[] = [];
  let cur = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      const e = src[i + 1];
      if (e === undefined || /[A-Za-z0-9]/.test(e)) return undefined;
      cur += e;
      i++;
    } else if (c === '.' && src[i + 1] === '*') {
      pieces.push(cur);
      cur = '';
      i++;
      if (src[i + 1] === '?') i++;
    } else if ('.^$*+?{}[]()|'.includes(c)) {
      return undefined;
    } else {
      cur += c;
    }
  }
  pieces.push(cur);
  return pieces.filter((p) => p !== '');
}

/** Greedy leftmost search of the pieces, in order, in `s` from `from` to `to`. */
function inOrder(pieces: readonly string[], s: string, from: number, to: number): boolean {
  let pos = from;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as string;
    const at = s.indexOf(p, pos);
    if (at < 0 || at + p.length > to) return false;
    pos = at + p.length;
  }
  return true;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * An exact string test for a case-sensitive regex of the form `a.*b.*c` (SigmaHQ writes many:
 * "n plus signs on one line"), which backtracks badly on long texts: the pieces in order, on
 * one line unless the `s` flag lets `.` cross lines. Undefined when the regex has another form.
 */
export function piecesInOrderTest(re: RegExp): ((s: string) => boolean) | undefined {
  if (/[^ms]/.test(re.flags)) return undefined;
  const pieces = dotStarPieces(re.source);
  if (!pieces || pieces.length === 0) return undefined;
  if (re.flags.includes('s') || pieces.length === 1) return (s) => inOrder(pieces, s, 0, s.length);
  return (s) => {
    let start = 0;
    for (let i = 0; i <= s.length; i++) {
      if (i === s.length || isLineBreak(s.charCodeAt(i))) {
        if (inOrder(pieces, s, start, i)) return true;
        start = i + 1;
      }
    }
    return false;
  };
}
