import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_NAMES, TEXT_SOURCES, type SourceName } from '@soc/contracts';
import { iterateScenario, resolveOptions, type ScenarioOptions } from './scenario';
import { buildWorld } from './world/build-world';

/** One line of labels.jsonl: where the malicious record is and what it is. */
export interface LabelLine {
  source: SourceName;
  file: string;
  /** 1-based line of the record's first line. */
  line: number;
  /** Lines the record spans (auditd events are multi-line). */
  lines: number;
  chainId: string;
  technique: string;
  tactic: string;
  step: number;
  time: string;
}

/** Counts written per source plus labels. */
export interface WriteSummary {
  records: Record<SourceName, number>;
  total: number;
  labels: number;
  files: string[];
}

/** File name of a source's native output. */
export function fileNameOf(source: SourceName): string {
  return `${source}${TEXT_SOURCES.has(source) ? '.log' : '.ndjson'}`;
}

class BufferedFile {
  private readonly fd: number;
  private buf: string[] = [];
  private size = 0;
  lines = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string, lineCount: number): void {
    this.buf.push(text);
    this.size += text.length;
    this.lines += lineCount;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length > 0) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Streams a scenario to `outDir`: one native file per source, labels.jsonl (kept apart from
 * the records) and world.json. Same options give byte-identical files.
 */
export function writeScenario(options: ScenarioOptions, outDir: string): WriteSummary {
  const o = resolveOptions(options);
  mkdirSync(outDir, { recursive: true });
  const world = buildWorld(o.seed, o.users);
  const files = new Map<SourceName, BufferedFile>(SOURCE_NAMES.map((s) => [s, new BufferedFile(join(outDir, fileNameOf(s)))]));
  const labels = new BufferedFile(join(outDir, 'labels.jsonl'));
  const records = Object.fromEntries(SOURCE_NAMES.map((s) => [s, 0])) as Record<SourceName, number>;
  let total = 0;
  try {
    for (const r of iterateScenario(o, world)) {
      const f = files.get(r.source) as BufferedFile;
      const text = typeof r.record === 'string' ? r.record : JSON.stringify(r.record);
      const lineCount = typeof r.record === 'string' ? text.split('\n').length : 1;
      const first = f.lines + 1;
      f.write(text + '\n', lineCount);
      records[r.source]++;
      total++;
      if (r.label) {
        const l: LabelLine = { source: r.source, file: fileNameOf(r.source), line: first, lines: lineCount, ...r.label, time: new Date(r.time).toISOString() };
        labels.write(JSON.stringify(l) + '\n', 1);
      }
    }
  } finally {
    for (const f of files.values()) f.close();
    labels.close();
  }
  const worldFile = new BufferedFile(join(outDir, 'world.json'));
  worldFile.write(JSON.stringify(world, null, 2) + '\n', 1);
  worldFile.close();
  return { records, total, labels: labels.lines, files: [...SOURCE_NAMES.map(fileNameOf), 'labels.jsonl', 'world.json'] };
}
