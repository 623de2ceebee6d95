/**
 * NDJSON: one value per line. A line is handed on whole; lines that are not one JSON value
 * (two objects on a line, a cut-off record) are then re-split by the caller. Reading line by
 * line keeps one broken record from swallowing the next, which a bracket scanner cannot promise.
 */
import { MAX_VALUE_CHARS } from './json-scanner';

/** Receives each non-blank line with its 1-based number. */
export interface LineSink {
  line(text: string, line: number): void;
  tooLong(line: number): void;
}

/** Splits a stream of text into lines (LF or CRLF), bounded by the longest line. */
export class LineSplitter {
  private pending = '';
  private skipping = false;
  private line = 1;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineChars = MAX_VALUE_CHARS,
  ) {}

  /** The line the splitter has reached. */
  get currentLine(): number {
    return this.line;
  }

  /** Splits the next piece of text. */
  push(chunk: string): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      if (nl < 0) break;
      if (this.skipping) this.skipping = false;
      else if (this.pending.length > 0) {
        this.emit(this.pending + chunk.slice(from, nl));
        this.pending = '';
      } else this.emit(chunk.slice(from, nl));
      this.line++;
      from = nl + 1;
    }
    if (from < chunk.length && !this.skipping) {
      this.pending += chunk.slice(from);
      if (this.pending.length > this.maxLineChars) {
        this.sink.tooLong(this.line);
        this.pending = '';
        this.skipping = true;
      }
    }
  }

  /** Ends the input: a last line without a newline still counts. */
  end(): void {
    if (this.pending.length > 0 && !this.skipping) this.emit(this.pending);
    this.pending = '';
  }

  private emit(text: string): void {
    const t = text.trim();
    if (t.length > 0) this.sink.line(t, this.line);
  }
}
