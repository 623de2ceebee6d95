import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseSigmaYaml, type SigmaEvent, type SigmaRule } from '@soc/sigma';
import type { SocError } from '@soc/errors';

/**
 * Inputs of `bench:sigma`, read in place from the shared corpora (never copied into the repo):
 * the SigmaHQ Windows rules and the EVTX-to-MITRE-Attack events (evtx_dump JSON, one per line).
 */

const CORPORA = resolve(__dirname, '../../../../shared/corpora');

/** Root of the SigmaHQ checkout. */
export const SIGMAHQ_ROOT = join(CORPORA, 'sigma/sigmahq');
/** The evtx_dump NDJSON event files (281 files, 8,725 events). */
export const EVTX_EVENTS_ROOT = join(CORPORA, 'logs/evtx-to-mitre-attack');
/** Where the Windows rules live, relative to the SigmaHQ root; only `product: windows` rules are kept. */
export const WINDOWS_RULE_ROOTS: readonly string[] = ['rules/windows', 'rules-emerging-threats'];

/** True when both corpora are present (they live outside the repository). */
export function sigmaCorporaAvailable(): boolean {
  return existsSync(join(SIGMAHQ_ROOT, 'rules/windows')) && existsSync(EVTX_EVENTS_ROOT);
}

function filesUnder(dir: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (suffixes.some((s) => p.endsWith(s))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Parsed Windows rules, with what was refused and how long parsing took. */
export interface LoadedRules {
  files: number;
  rules: SigmaRule[];
  /** Rules of other products found under the roots (emerging threats hold Linux, macOS...). */
  otherProducts: number;
  /** Parse errors (each names file and document). */
  refused: SocError[];
  /** YAML read + parse time, ms. */
  parseMs: number;
}

/**
 * Reads and parses every rule under `roots` (or the files `select` keeps, paths relative to the
 * SigmaHQ root), keeping those whose logsource product is windows.
 */
export function loadWindowsRules(roots: readonly string[] = WINDOWS_RULE_ROOTS, select?: (file: string, index: number) => boolean): LoadedRules {
  const all = roots.flatMap((r) => filesUnder(join(SIGMAHQ_ROOT, r), ['.yml', '.yaml']));
  const paths = select ? all.filter((p, i) => select(relative(SIGMAHQ_ROOT, p), i)) : all;
  const texts = paths.map((p) => ({ file: relative(SIGMAHQ_ROOT, p), text: readFileSync(p, 'utf8') }));
  const t0 = performance.now();
  const out: LoadedRules = { files: paths.length, rules: [], otherProducts: 0, refused: [], parseMs: 0 };
  for (const { file, text } of texts) {
    const docs = parseSigmaYaml(text, file);
    out.refused.push(...docs.errors);
    for (const r of docs.rules) {
      if (r.logsource.product?.toLowerCase() === 'windows') out.rules.push(r);
      else out.otherProducts++;
    }
  }
  out.parseMs = performance.now() - t0;
  return out;
}

/** Every event of the NDJSON files under `root`, parsed once, in file order. */
export function loadEvtxEvents(root: string = EVTX_EVENTS_ROOT): { files: number; events: SigmaEvent[] } {
  const paths = filesUnder(root, ['.ndjson']);
  const events: SigmaEvent[] = [];
  for (const p of paths) {
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (line.trim() !== '') events.push(JSON.parse(line) as SigmaEvent);
    }
  }
  return { files: paths.length, events };
}

/**
 * A fingerprint of the engine's source (libs/sigma/src, specs excluded), so figures from runs
 * on a working tree that was changing can be told apart and compared only when they match.
 */
export function engineFingerprint(): string {
  const root = resolve(__dirname, '../../../libs/sigma/src');
  const hash = createHash('sha1');
  for (const p of filesUnder(root, ['.ts'])) if (!p.endsWith('.spec.ts')) hash.update(relative(root, p)).update(readFileSync(p));
  return hash.digest('hex').slice(0, 12);
}
