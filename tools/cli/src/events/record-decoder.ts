/**
 * Turns the text pieces the splitters find into events: JSON.parse, keep objects (an array's
 * objects one by one), report everything else as malformed with its line. evtx_dump's
 * `Record N` header lines are expected between records and skipped silently.
 */
import { JsonValueScanner } from './json-scanner';
import type { LineSink } from './line-splitter';
import type { EventSink, ValueSink } from './types';

const EVTX_DUMP_HEADER = /^Record \d+$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses values and lines of one file and hands the objects to an EventSink. */
export class RecordDecoder implements ValueSink, LineSink {
  constructor(
    private readonly file: string,
    private readonly sink: EventSink,
  ) {}

  /** A whole top-level value found by the scanner. */
  value(text: string, line: number): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      this.sink.malformed(this.file, line, `invalid JSON (${(e as Error).message})`);
      return;
    }
    this.dispatch(parsed, line);
  }

  /** Stray text between values. */
  junk(line: number, reason: string, text?: string): void {
    if (text !== undefined && EVTX_DUMP_HEADER.test(text)) return;
    this.sink.malformed(this.file, line, reason);
  }

  /** One NDJSON line; a line that is not exactly one value is re-split, so `{..}{..}` still reads. */
  line(text: string, line: number): void {
    if (text.charCodeAt(0) === 123) {
      let parsed: unknown;
      let ok = true;
      try {
        parsed = JSON.parse(text);
      } catch {
        ok = false;
      }
      if (ok) {
        this.dispatch(parsed, line);
        return;
      }
    }
    const scanner = new JsonValueScanner(this, line);
    scanner.push(text);
    scanner.end();
  }

  /** A line longer than the limit was skipped. */
  tooLong(line: number): void {
    this.sink.malformed(this.file, line, 'line too long, skipped');
  }

  private dispatch(parsed: unknown, line: number): void {
    if (isObject(parsed)) {
      this.sink.event(parsed, this.file, line);
    } else if (Array.isArray(parsed)) {
      for (const el of parsed) {
        if (isObject(el)) this.sink.event(el, this.file, line);
        else this.sink.malformed(this.file, line, 'array element is not a JSON object');
      }
    } else {
      this.sink.malformed(this.file, line, 'not a JSON object');
    }
  }
}
