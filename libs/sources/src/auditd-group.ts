import type { RecordCollector } from './collector';
import { SOC_ERR_RECORD_TOO_LARGE, SOC_ERR_RECORD_UNPARSEABLE } from './errors';
import { exceedsBytes } from './records';

// `audit(1604994496.155:92733)`, with or without `msg=` (auoms writes it bare).
const SERIAL_RE = /audit\((\d+)\.(\d+):(\d+)\)/;
const NODE_RE = /(?:^|\s)node=(\S+)\s/;
const EOE_RE = /(?:^|\s)type=EOE\s/;

interface Group {
  line: number;
  lines: string[];
}

/**
 * Joins auditd lines into events: all lines with the same serial (and node) form one record,
 * in order, whatever other events interleave; a `type=EOE` line closes its event. Records are
 * released in the order of their first line.
 */
export class AuditdGrouper {
  private readonly open = new Map<string, Group>();
  private readonly done: Group[] = [];

  constructor(
    private readonly maxRecordBytes: number,
    private readonly out: RecordCollector,
  ) {}

  add(text: string, line: number): void {
    const m = SERIAL_RE.exec(text);
    if (!m) {
      this.out.reject(line, SOC_ERR_RECORD_UNPARSEABLE, 'not an auditd record: no audit(<epoch>:<serial>) stamp', text);
      return;
    }
    const node = NODE_RE.exec(text.slice(0, m.index))?.[1] ?? '';
    const key = `${node}|${m[1]}.${m[2]}:${m[3]}`;
    const group = this.open.get(key);
    if (EOE_RE.test(text.slice(0, m.index))) {
      // EOE only marks the end; it carries no data of its own.
      if (group) {
        this.open.delete(key);
        this.done.push(group);
      }
      return;
    }
    if (group) group.lines.push(text);
    else this.open.set(key, { line, lines: [text] });
  }

  /** Emits every event (closed or still open at the end of the body) in first-line order. */
  finish(): void {
    const all = [...this.done, ...this.open.values()].sort((a, b) => a.line - b.line);
    this.open.clear();
    this.done.length = 0;
    for (const g of all) {
      const text = g.lines.join('\n');
      if (exceedsBytes(text, this.maxRecordBytes)) {
        this.out.reject(g.line, SOC_ERR_RECORD_TOO_LARGE, `auditd event exceeds ${this.maxRecordBytes} bytes`, text);
      } else {
        this.out.accept(g.line, 'text', text);
      }
    }
  }
}
