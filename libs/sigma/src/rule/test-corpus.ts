/**
 * Test support (used by specs only): the SigmaHQ corpus read in place from the shared corpora,
 * flattening of its evtx_dump regression events, and synthetic events built from rules'
 * own values so that many rules fire.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SigmaEvent } from '../types';
import type { SigmaRule, SigmaScalar } from './model';
import { parseSigmaYaml } from './parse';
import type { SigmaDocuments } from './model';

/** Root of the SigmaHQ checkout in the shared corpora. */
export const SIGMAHQ_ROOT = join(__dirname, '../../../../../shared/corpora/sigma/sigmahq');

/** True when the corpora are present (they live outside the repository). */
export function corpusAvailable(): boolean {
  return existsSync(join(SIGMAHQ_ROOT, 'rules'));
}

/** Every `.yml` under the given roots (relative to the SigmaHQ root), sorted. */
export function ruleFiles(roots: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.yml') || p.endsWith('.yaml')) out.push(p);
    }
  };
  for (const r of roots) walk(join(SIGMAHQ_ROOT, r));
  return out.sort();
}

/** Parses a corpus file; `file` in errors is relative to the SigmaHQ root. */
export function parseCorpusFile(path: string): SigmaDocuments & { file: string } {
  const file = relative(SIGMAHQ_ROOT, path);
  return { ...parseSigmaYaml(readFileSync(path, 'utf8'), file), file };
}

/** evtx_dump JSON flattened as Sigma field names: EventData keys, System EventID/Channel/Provider_Name... */
export function flattenEvtx(json: unknown): Record<string, unknown> {
  const ev = (json as { Event?: Record<string, unknown> }).Event ?? {};
  const sys = (ev['System'] ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const data = (ev['EventData'] ?? ev['UserData'] ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(data ?? {})) if (k !== '#attributes') out[k] = v;
  const eventId = sys['EventID'];
  out['EventID'] = typeof eventId === 'object' && eventId !== null ? (eventId as Record<string, unknown>)['#text'] : eventId;
  out['Channel'] = sys['Channel'];
  out['Computer'] = sys['Computer'];
  const provider = (sys['Provider'] as { '#attributes'?: Record<string, unknown> } | undefined)?.['#attributes'];
  if (provider) out['Provider_Name'] = provider['Name'];
  return out;
}

/** One regression test of the corpus: a rule, its flattened events, and how many of them it must match. */
export interface RegressionCase {
  ruleId: string;
  matchCount: number;
  events: SigmaEvent[];
}

/** The regression tests of the corpus (evtx_dump JSON, flattened). */
export function regressionCases(): RegressionCase[] {
  const lines = readFileSync(join(SIGMAHQ_ROOT, '../regression_manifest.jsonl'), 'utf8').split('\n').filter(Boolean);
  const out: RegressionCase[] = [];
  for (const line of lines) {
    const m = JSON.parse(line) as { rule_id: string; json?: string; match_count?: number };
    if (!m.json || !existsSync(join(SIGMAHQ_ROOT, m.json))) continue;
    const text = readFileSync(join(SIGMAHQ_ROOT, m.json), 'utf8');
    // A file may hold one JSON object or several concatenated/line-separated ones.
    const docs = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]) : splitJsonObjects(text);
    out.push({ ruleId: m.rule_id, matchCount: m.match_count ?? 1, events: docs.map(flattenEvtx) });
  }
  return out;
}

/** Every regression event, flattened. */
export function regressionEvents(): SigmaEvent[] {
  return regressionCases().flatMap((c) => c.events);
}

function splitJsonObjects(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
  } catch {
    return text.split(/\n(?=\{)/).map((t) => JSON.parse(t) as unknown);
  }
}

function sample(v: SigmaScalar, mods: readonly string[]): unknown {
  if (typeof v !== 'string') return v;
  const lit = v.replace(/\\([*?\\])/g, '$1').replace(/\*/g, 'abc').replace(/\?/g, 'z');
  if (mods.includes('cidr')) return v.replace(/\/\d+$/, '');
  if (mods.includes('contains')) return `pre ${lit} post`;
  if (mods.includes('startswith')) return `${lit}tail`;
  if (mods.includes('endswith')) return `C:\\dir${lit}`;
  return lit;
}

/** An event built from one group of a rule's identifier: each field gets a value its item accepts (mostly). */
function groupEvent(rule: SigmaRule, idName: string): Record<string, unknown> {
  const ev: Record<string, unknown> = {};
  const group = rule.detection.identifiers[idName]?.groups[0] ?? [];
  for (const item of group) {
    const first = item.values[0];
    if (item.field === null || first === undefined) {
      ev['Message'] = `keyword ${String(first)} here`;
      continue;
    }
    if (item.modifiers.includes('exists')) {
      if (first === true) ev[item.field] = 'present';
      continue;
    }
    if (item.modifiers.includes('all')) {
      ev[item.field] = item.values.map((v) => sample(v, item.modifiers)).join(' ');
      continue;
    }
    ev[item.field] = first === null ? null : sample(first, item.modifiers);
  }
  return ev;
}

/**
 * Synthetic events for a rule: the positive identifiers merged (which usually fires it), the
 * first identifier alone, and the merge with the filters too (which usually does not).
 */
export function syntheticEvents(rule: SigmaRule): Record<string, unknown>[] {
  const names = Object.keys(rule.detection.identifiers);
  const positive = names.filter((n) => !n.startsWith('filter'));
  const merged = Object.assign({}, ...positive.map((n) => groupEvent(rule, n))) as Record<string, unknown>;
  const all = Object.assign({}, ...names.map((n) => groupEvent(rule, n))) as Record<string, unknown>;
  const first = names[0] ? groupEvent(rule, names[0]) : {};
  return [merged, first, all];
}

/** The same event with every string value uppercased (case-insensitivity must not change which rules match). */
export function upperCased(ev: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ev).map(([k, v]) => [k, typeof v === 'string' ? v.toUpperCase() : v]));
}

/** Root of the EVTX-to-MITRE-Attack events (evtx_dump NDJSON) in the shared corpora. */
export const EVTX_EVENTS_ROOT = join(SIGMAHQ_ROOT, '../../logs/evtx-to-mitre-attack');

/** Every `every`-th event of the evtx_dump NDJSON files (in file order), parsed. */
export function evtxEventSample(every: number): SigmaEvent[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ndjson')) files.push(p);
    }
  };
  walk(EVTX_EVENTS_ROOT);
  const lines = files.sort().flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== ''));
  return lines.filter((_, i) => i % every === 0).map((l) => JSON.parse(l) as SigmaEvent);
}

/** The raw (evtx_dump) regression events of the SigmaHQ corpus, unflattened. */
export function rawRegressionEvents(): SigmaEvent[] {
  const lines = readFileSync(join(SIGMAHQ_ROOT, '../regression_manifest.jsonl'), 'utf8').split('\n').filter(Boolean);
  const out: SigmaEvent[] = [];
  for (const line of lines) {
    const m = JSON.parse(line) as { json?: string };
    if (!m.json || !existsSync(join(SIGMAHQ_ROOT, m.json))) continue;
    const text = readFileSync(join(SIGMAHQ_ROOT, m.json), 'utf8');
    const docs = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]) : splitJsonObjects(text);
    out.push(...(docs as SigmaEvent[]));
  }
  return out;
}
