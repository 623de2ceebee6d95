/**
 * Test support for the readers: a sink that records what it receives, and the paths of the
 * corpora the specs read in place.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventSink } from './types';

/** Root of the shared third-party corpora (a sibling of the repository). */
export const CORPORA = resolve(__dirname, '../../../../../shared/corpora');
/** SigmaHQ checkout inside the corpora. */
export const SIGMAHQ = join(CORPORA, 'sigma/sigmahq');

/** One line of sigma/regression_manifest.jsonl. */
export interface RegressionCase {
  rule_id: string;
  rule_path: string;
  title: string;
  level: string;
  match_count: number | null;
  json: string;
}

/** The SigmaHQ regression cases (rule file and its evtx_dump JSON, relative to SIGMAHQ). */
export function regressionCases(): RegressionCase[] {
  return readFileSync(join(CORPORA, 'sigma/regression_manifest.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as RegressionCase);
}

/** An EventSink that keeps everything, for assertions. */
export class RecordingSink implements EventSink {
  readonly events: { event: Record<string, unknown>; file: string; line: number }[] = [];
  readonly malformedRecords: { file: string; line: number; reason: string }[] = [];
  readonly skippedFiles: { file: string; reason: string }[] = [];

  event(event: Record<string, unknown>, file: string, line: number): void {
    this.events.push({ event, file, line });
  }

  malformed(file: string, line: number, reason: string): void {
    this.malformedRecords.push({ file, line, reason });
  }

  skipped(file: string, reason: string): void {
    this.skippedFiles.push({ file, reason });
  }

  get lines(): number[] {
    return this.events.map((e) => e.line);
  }
}
