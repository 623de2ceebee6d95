/**
 * Chooses how to split a file from its first line that opens JSON: a line that starts with `{`
 * and ends with `}` means NDJSON (read line by line); `[` or a lone `{` of a pretty-printed
 * object means the bracket scanner. Blank lines and evtx_dump `Record N` headers do not count;
 * a file that does not open JSON early is not JSON. Only the start of the file is buffered.
 */
import { JsonValueScanner } from './json-scanner';
import { LineSplitter } from './line-splitter';
import type { RecordDecoder } from './record-decoder';

/** The layout chosen for a file; `not-json` files (Zeek TSV, auditd, syslog text) are skipped whole. */
export type TextLayout = 'ndjson' | 'json-stream' | 'not-json';

/** A first line longer than this is not worth waiting for: the scanner handles any layout. */
const MAX_SNIFF_CHARS = 1024 * 1024;
const EVTX_DUMP_HEADER = /^Record \d+$/;

interface Splitter {
  readonly currentLine: number;
  push(chunk: string): void;
  end(): void;
}

const IGNORE: Splitter = { currentLine: 1, push: () => undefined, end: () => undefined };

/** Buffers the start of a file until its layout is known, then streams into the right splitter. */
export class FormatSniffer {
  private buffered = '';
  private target: Splitter | undefined;
  /** The layout chosen, once known. */
  layout: TextLayout | undefined;
  /** For a `not-json` file, the start of its first line (for the message). */
  firstLine: string | undefined;

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
    const text = this.buffered;
    this.buffered = '';
    if (layout === 'not-json') {
      this.firstLine = text.trimStart().split('\n', 1)[0]?.slice(0, 80).trimEnd();
      this.target = IGNORE;
      return;
    }
    this.target = layout === 'ndjson' ? new LineSplitter(this.decoder) : new JsonValueScanner(this.decoder);
    this.target.push(text);
  }
}

/** How many non-blank lines that do not open JSON are read before a file is called not JSON. */
const MAX_SNIFF_LINES = 20;

/**
 * The layout of a text from its start, or undefined when more text is needed to tell. The
 * first line opening `{` or `[` decides (text lines before it are read as malformed records);
 * a file whose first lines (20, or the first MiB) never open JSON is `not-json`.
 */
export function sniffLayout(text: string, final: boolean): TextLayout | undefined {
  let from = 0;
  let textLines = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    // Wait for the whole line, unless it is already longer than worth waiting for.
    if (nl < 0 && !final && text.length - from <= MAX_SNIFF_CHARS) return undefined;
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(from, end).trim();
    from = end + 1;
    if (line.length === 0 || EVTX_DUMP_HEADER.test(line)) continue;
    if (line.startsWith('{')) return nl >= 0 || final ? (line.endsWith('}') ? 'ndjson' : 'json-stream') : 'json-stream';
    if (line.startsWith('[')) return 'json-stream';
    if (++textLines >= MAX_SNIFF_LINES) return 'not-json';
  }
  if (textLines > 0) return final || text.length > MAX_SNIFF_CHARS ? 'not-json' : undefined;
  return final || text.length > MAX_SNIFF_CHARS ? 'json-stream' : undefined;
}
