/**
 * A streaming splitter of JSON text into its top-level values, for files that hold several
 * objects in a row (pretty-printed or not, as evtx_dump and jq write them) or one array of
 * objects. It never parses: it tracks strings, escapes and bracket depth, hands each complete
 * value's text to JSON.parse by way of the sink, and remembers the line where each value starts.
 * Memory is bounded by the largest single value, not by the file.
 */
import type { ValueSink } from './types';

/** Values larger than this (in UTF-16 units) are reported and skipped: most likely a brace is missing. */
export const MAX_VALUE_CHARS = 64 * 1024 * 1024;

const NL = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xfeff;
}

/** Splits a stream of text into top-level JSON values (elements, for a top-level array). */
export class JsonValueScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line: number;
  /** A top-level `[` is open: its elements are the values. */
  private inArray = false;
  private parts: string[] = [];
  private partsChars = 0;
  private oversize = false;
  /** Line where the value being collected starts; 0 when none is. */
  private startLine = 0;
  /** Text that is not JSON, collected (up to a point) until the end of its line. */
  private junk: string | undefined;
  private junkLine = 0;

  constructor(
    private readonly sink: ValueSink,
    firstLine = 1,
    private readonly maxValueChars = MAX_VALUE_CHARS,
  ) {
    this.line = firstLine;
  }

  /** The line the scanner has reached. */
  get currentLine(): number {
    return this.line;
  }

  /** Scans the next piece of text. */
  push(chunk: string): void {
    let seg = this.startLine > 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        else if (c === NL) this.line++;
        continue;
      }
      if (this.depth > (this.inArray ? 1 : 0)) {
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_OBJ || c === OPEN_ARR) this.depth++;
        else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
          this.depth--;
          if (this.depth === (this.inArray ? 1 : 0)) {
            this.finishValue(chunk, seg, i + 1);
            seg = -1;
          }
        } else if (c === NL) this.line++;
        continue;
      }
      if (this.junk !== undefined) {
        if (c === NL || (this.inArray && (c === COMMA || c === CLOSE_ARR))) this.flushJunk();
        else {
          if (this.junk.length < 80) this.junk += chunk[i];
          continue;
        }
      }
      if (c === NL) this.line++;
      else if (isBlank(c)) continue;
      else if (c === OPEN_OBJ || (c === OPEN_ARR && this.inArray)) {
        this.startLine = this.line;
        this.depth++;
        seg = i;
      } else if (c === OPEN_ARR) {
        this.inArray = true;
        this.depth = 1;
      } else if (this.inArray && c === COMMA) continue;
      else if (this.inArray && c === CLOSE_ARR) {
        this.inArray = false;
        this.depth = 0;
      } else {
        this.junk = chunk[i] ?? '';
        this.junkLine = this.line;
      }
    }
    if (seg >= 0) this.keep(chunk.slice(seg));
  }

  /** Ends the input: a value still open is reported as unterminated. */
  end(): void {
    if (this.junk !== undefined) this.flushJunk();
    if (this.startLine > 0) {
      this.sink.junk(this.startLine, 'unterminated JSON value at end of input');
      this.reset();
    } else if (this.inArray) this.sink.junk(this.line, "unterminated top-level array (missing ']')");
  }

  private keep(piece: string): void {
    if (this.oversize) return;
    this.partsChars += piece.length;
    if (this.partsChars > this.maxValueChars) {
      this.oversize = true;
      this.parts = [];
    } else this.parts.push(piece);
  }

  private finishValue(chunk: string, seg: number, end: number): void {
    const startLine = this.startLine;
    const last = chunk.slice(Math.max(seg, 0), end);
    if (this.oversize || this.partsChars + last.length > this.maxValueChars) {
      this.sink.junk(startLine, `JSON value larger than ${this.maxValueChars} characters skipped (unbalanced braces?)`);
    } else {
      const text = this.parts.length === 0 ? last : this.parts.join('') + last;
      this.sink.value(text, startLine);
    }
    this.reset();
  }

  private reset(): void {
    this.parts = [];
    this.partsChars = 0;
    this.oversize = false;
    this.startLine = 0;
  }

  private flushJunk(): void {
    const text = (this.junk ?? '').trim();
    this.junk = undefined;
    this.sink.junk(this.junkLine, `not JSON: ${JSON.stringify(text)}`, text);
  }
}
