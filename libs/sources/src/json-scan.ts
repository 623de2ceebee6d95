/**
 * One top-level JSON value (or a broken piece of one) cut out of a body. `parsed` is set when the
 * scanner already ran JSON.parse on it (NDJSON fast path); otherwise the consumer parses `text`.
 */
export type JsonSegment =
  | { text: string; line: number; broken: false; parsed: boolean; value?: unknown }
  | { text: string; line: number; broken: true; reason: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const isWs = (c: number): boolean => c === SPACE || c === NL || c === CR || c === TAB;

/**
 * Cuts a JSON body into top-level values: a JSON array (its elements), one object, NDJSON, or
 * objects concatenated with or without newlines, pretty-printed or not. A broken value is reported
 * with its starting line and the scan resumes after it, so one bad record never hides the rest.
 *
 * Why two modes: a line that is a whole object goes straight to the native JSON.parse (fast);
 * only lines that are not (pretty-printed, concatenated, arrays, broken) walk the character
 * scanner, which knows strings and escapes and resynchronises on a `{` at the start of a line.
 */
export function scanJsonBody(text: string, maxLineParseChars: number, emit: (seg: JsonSegment) => void): void {
  const s = new Scanner(text, emit);
  s.run(maxLineParseChars);
}

class Scanner {
  private pos = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly emit: (seg: JsonSegment) => void,
  ) {}

  run(maxLineParseChars: number): void {
    const { text } = this;
    const n = text.length;
    while (this.pos < n) {
      let nl = text.indexOf('\n', this.pos);
      if (nl < 0) nl = n;
      if (this.tryWholeLine(this.pos, nl, maxLineParseChars)) {
        this.pos = nl + 1;
        this.line++;
        continue;
      }
      this.scanLineRegion();
    }
  }

  /** NDJSON fast path: the line, trimmed, is `{...}` and parses on its own. */
  private tryWholeLine(start: number, end: number, maxChars: number): boolean {
    const { text } = this;
    let a = start;
    let b = end;
    while (a < b && isWs(text.charCodeAt(a))) a++;
    while (b > a && isWs(text.charCodeAt(b - 1))) b--;
    if (a === b) return true; // blank line
    if (text.charCodeAt(a) !== OPEN_BRACE || text.charCodeAt(b - 1) !== CLOSE_BRACE) return false;
    const slice = text.slice(a, b);
    if (slice.length > maxChars) {
      // Too big to parse blindly; the consumer checks the size first. A `}{` inside means
      // concatenated objects, which the scanner must split.
      return false;
    }
    let value: unknown;
    try {
      value = JSON.parse(slice);
    } catch {
      return false;
    }
    this.emit({ text: slice, line: this.line, broken: false, parsed: true, value });
    return true;
  }

  /** Scans values starting on the current line until one ends at a line end (back to line mode). */
  private scanLineRegion(): void {
    const { text } = this;
    const n = text.length;
    for (;;) {
      this.skipWs();
      if (this.pos >= n) return;
      const c = text.charCodeAt(this.pos);
      if (c === OPEN_BRACKET) this.scanArray();
      else this.scanValue(false);
      const restEnd = this.restOfLineBlank();
      if (restEnd >= 0) {
        this.pos = restEnd;
        return;
      }
    }
  }

  private scanArray(): void {
    const { text } = this;
    this.pos++; // [
    for (;;) {
      this.skipWs();
      if (this.pos >= text.length) return;
      const c = text.charCodeAt(this.pos);
      if (c === CLOSE_BRACKET) {
        this.pos++;
        return;
      }
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      this.scanValue(true);
    }
  }

  /** Cuts one value starting at pos and emits it (broken or not). */
  private scanValue(inArray: boolean): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) this.scanComposite();
    else if (c === QUOTE) this.scanStringValue();
    else this.scanScalar(inArray);
  }

  private scanComposite(): void {
    const { text } = this;
    const n = text.length;
    const start = this.pos;
    const startLine = this.line;
    let depth = 0;
    let i = start;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const close = this.stringEnd(i);
        if (close < 0) return this.broken(start, startLine, this.lineEndFrom(i), 'unterminated string');
        i = close + 1;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        // An object opening at column 0 while another is still open: the previous one was cut short.
        if (c === OPEN_BRACE && depth > 0 && i > 0 && text.charCodeAt(i - 1) === NL) {
          return this.broken(start, startLine, i, 'truncated JSON value (a new object starts before this one closed)');
        }
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          this.emit({ text: text.slice(start, i + 1), line: startLine, broken: false, parsed: false });
          return;
        }
      } else if (c === NL) {
        this.line++;
      }
      i++;
    }
    this.broken(start, startLine, n, 'truncated JSON value at end of body');
  }

  private scanStringValue(): void {
    const start = this.pos;
    const close = this.stringEnd(start);
    if (close < 0) return this.broken(start, this.line, this.lineEndFrom(start), 'unterminated string');
    this.pos = close + 1;
    this.emit({ text: this.text.slice(start, close + 1), line: this.line, broken: false, parsed: false });
  }

  /** Numbers, literals and garbage: up to the end of the line (or the next `,`/`]` inside an array). */
  private scanScalar(inArray: boolean): void {
    const { text } = this;
    const start = this.pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === NL || c === CR || (inArray && (c === COMMA || c === CLOSE_BRACKET))) break;
      if (c === OPEN_BRACE && i > start) break;
      i++;
    }
    let end = i;
    while (end > start && isWs(text.charCodeAt(end - 1))) end--;
    this.pos = i;
    this.emit({ text: text.slice(start, end), line: this.line, broken: false, parsed: false });
  }

  /** Index of the quote closing the string opened at `open`, or -1 if the line ends first. */
  private stringEnd(open: number): number {
    const { text } = this;
    let from = open + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) return -1;
      let bs = 0;
      while (text.charCodeAt(q - 1 - bs) === BACKSLASH) bs++;
      if (bs % 2 === 0) {
        // Raw newlines are not allowed in JSON strings: a newline before the quote means the string never closed.
        const nl = text.indexOf('\n', open);
        if (nl >= 0 && nl < q) return -1;
        return q;
      }
      from = q + 1;
    }
  }

  private broken(start: number, line: number, end: number, reason: string): void {
    const { text } = this;
    // Recount from the piece start so lines inside it are counted exactly once.
    this.line = line + countNewlines(text, start, end);
    this.pos = end;
    this.emit({ text: text.slice(start, end).trimEnd(), line, broken: true, reason });
  }

  private skipWs(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (!isWs(c)) return;
      if (c === NL) this.line++;
      this.pos++;
    }
  }

  /** If only whitespace remains before the next newline, the index after it (line counted); else -1. */
  private restOfLineBlank(): number {
    const { text } = this;
    let i = this.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === NL) {
        this.line++;
        return i + 1;
      }
      if (!isWs(c)) return -1;
      i++;
    }
    return i;
  }

  private lineEndFrom(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.text.length : nl;
  }
}

function countNewlines(text: string, start: number, end: number): number {
  let k = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) k++;
  return k;
}
