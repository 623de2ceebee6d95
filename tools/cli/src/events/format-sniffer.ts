/**
 * Chooses how to split a file from its first meaningful line: a line that starts with `{` and
 * ends with `}` means NDJSON (read line by line); anything else (`[`, a lone `{` of a
 * pretty-printed object) means the bracket scanner. Blank lines and evtx_dump `Record N`
 * headers before the first record do not count. Only that first line is buffered.
 */
import { JsonValueScanner } from './json-scanner';
import { LineSplitter } from './line-splitter';
import type { RecordDecoder } from './record-decoder';

/** The layout chosen for a file. */
export type TextLayout = 'ndjson' | 'json-stream';

/** A first line longer than this is not worth waiting for: the scanner handles any layout. */
const MAX_SNIFF_CHARS = 1024 * 1024;
const EVTX_DUMP_HEADER = /^Record \d+$/;

interface Splitter {
  readonly currentLine: number;
  push(chunk: string): void;
  end(): void;
}

/** Buffers the start of a file until its layout is known, then streams into the right splitter. */
export class FormatSniffer {
  private buffered = '';
  private target: Splitter | undefined;
  /** The layout chosen, once known. */
  layout: TextLayout | undefined;

  constructor(private readonly decoder: RecordDecoder) {}

  /** The line reading has reached (1 before the layout is known). */
  get line(): number {
    return this.target?.currentLine ?? 1;
  }

  /** Feeds the next piece of text. */
  push(chunk: string): void {
    if (this.target) {
      this.target.push(chunk);
      return;
    }
    this.buffered += chunk;
    this.decide(false);
  }

  /** Ends the input. */
  end(): void {
    if (!this.target) this.decide(true);
    this.target?.end();
  }

  /** Stops reading mid-file (corrupt input): complete records are kept, the cut-off tail is dropped. */
  abort(): void {
    if (!this.target) this.decide(true);
  }

  private decide(final: boolean): void {
    const layout = sniffLayout(this.buffered, final);
    if (layout === undefined) return;
    this.layout = layout;
    this.target = layout === 'ndjson' ? new LineSplitter(this.decoder) : new JsonValueScanner(this.decoder);
    const text = this.buffered;
    this.buffered = '';
    this.target.push(text);
  }
}

/** The layout of a text from its start, or undefined when more text is needed to tell. */
export function sniffLayout(text: string, final: boolean): TextLayout | undefined {
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    if (nl < 0 && !final && text.length - from <= MAX_SNIFF_CHARS) {
      const partial = text.slice(from).trim();
      // Only a line opening with `{` needs its end seen; any other start decides now.
      const undecided = partial.length === 0 || partial.startsWith('{') || 'Record '.startsWith(partial) || EVTX_DUMP_HEADER.test(partial);
      return undecided ? undefined : 'json-stream';
    }
    const line = text.slice(from, nl < 0 ? text.length : nl).trim();
    from = nl < 0 ? text.length : nl + 1;
    if (line.length === 0 || EVTX_DUMP_HEADER.test(line)) continue;
    // An unfinished line here is over the sniff limit (or the file ends): treat it as complete only at the end.
    const complete = nl >= 0 || final;
    return complete && line.startsWith('{') && line.endsWith('}') ? 'ndjson' : 'json-stream';
  }
  return final ? 'json-stream' : undefined;
}
