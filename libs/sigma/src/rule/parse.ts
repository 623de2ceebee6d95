/**
 * Parses a YAML text of one or more Sigma documents: detection rules, filters (a `filter:`
 * section) and correlation rules (a `correlation:` section). Every document is checked on its
 * own; a bad one yields errors naming it and does not stop the others.
 */
import { isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { parseDetection } from './detection-parse';
import { FieldReader, readCommonMeta } from './metadata';
import type { SigmaCorrelationDoc, SigmaDocuments, SigmaFilterRule, SigmaRule } from './model';
import { documentLabel, problemToError, RuleProblem } from './problem';

// YAML 1.2 reads `0x17`, `0o17` and `017` as numbers; Sigma authors mean the text they wrote
// (e.g. `TicketOptions: 0x40810000` against events holding "0x40810000"), so keep it.
const NON_CANONICAL_NUMBER = /^[-+]?0([xXoO]|\d)/;

function keepNumberText(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string' && NON_CANONICAL_NUMBER.test(node.source)) {
        node.value = node.source;
      }
    },
  });
}

type Parsed = { kind: 'rule'; doc: SigmaRule } | { kind: 'filter'; doc: SigmaFilterRule } | { kind: 'correlation'; doc: SigmaCorrelationDoc };

function parseRule(raw: Record<string, unknown>, file: string | undefined, index: number): { doc?: SigmaRule; problems: RuleProblem[] } {
  const r = new FieldReader(raw);
  const meta = readCommonMeta(r, raw, file, index);
  const logsource = r.logsource();
  const extra = {
    falsepositives: r.strings('falsepositives'),
    fields: r.strings('fields'),
    related: r.related(),
    scope: r.strings('scope'),
    license: r.string('license'),
    taxonomy: r.string('taxonomy', { max: 256 }),
  };
  const problems = [...r.problems];
  if (raw['detection'] === undefined) problems.push(new RuleProblem('missing-detection', "'detection' is required", 'detection'));
  const det = raw['detection'] === undefined ? { problems: [] } : parseDetection(raw['detection'], 'detection');
  problems.push(...det.problems);
  if (problems.length > 0 || !det.detection || !logsource) return { problems };
  const doc: SigmaRule = { kind: 'rule', ...meta, ...extra, logsource, detection: det.detection };
  if (doc.license === undefined) delete (doc as { license?: string }).license;
  if (doc.taxonomy === undefined) delete (doc as { taxonomy?: string }).taxonomy;
  return { doc, problems };
}

function filterRules(raw: unknown, r: FieldReader): readonly string[] | 'any' | undefined {
  if (typeof raw === 'string') return raw === 'any' || raw === 'all' ? 'any' : [raw];
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw.length === 0 ? 'any' : (raw as string[]);
  return r.fail('bad-filter-rules', "filter.rules must list rule ids or names (or be 'any')", 'filter.rules');
}

function parseFilter(raw: Record<string, unknown>, file: string | undefined, index: number): { doc?: SigmaFilterRule; problems: RuleProblem[] } {
  const r = new FieldReader(raw);
  const meta = readCommonMeta(r, raw, file, index);
  const logsource = r.logsource();
  const section = raw['filter'];
  const rules = section !== null && typeof section === 'object' ? filterRules((section as Record<string, unknown>)['rules'], r) : undefined;
  const det = parseDetection(section, 'filter', ['rules']);
  const problems = [...r.problems, ...det.problems];
  if (problems.length > 0 || !det.detection || !logsource || rules === undefined) return { problems };
  return { doc: { kind: 'filter', ...meta, logsource, rules, detection: det.detection }, problems };
}

function parseCorrelation(raw: Record<string, unknown>, file: string | undefined, index: number): { doc?: SigmaCorrelationDoc; problems: RuleProblem[] } {
  const r = new FieldReader(raw);
  const meta = readCommonMeta(r, raw, file, index);
  const section = raw['correlation'];
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    r.fail('bad-correlation', "'correlation' must be a map", 'correlation');
  }
  return r.problems.length > 0 ? { problems: r.problems } : { doc: { kind: 'correlation', ...meta }, problems: [] };
}

function parseDocument(raw: Record<string, unknown>, file: string | undefined, index: number): { parsed?: Parsed; problems: RuleProblem[] } {
  if ('action' in raw) {
    return { problems: [new RuleProblem('unsupported-action', "Sigma v1 collection documents ('action: global/reset/repeat') are not part of Sigma v2", 'action')] };
  }
  if ('correlation' in raw) {
    const c = parseCorrelation(raw, file, index);
    return c.doc ? { parsed: { kind: 'correlation', doc: c.doc }, problems: [] } : c;
  }
  if ('filter' in raw && !('detection' in raw)) {
    const f = parseFilter(raw, file, index);
    return f.doc ? { parsed: { kind: 'filter', doc: f.doc }, problems: [] } : f;
  }
  const rule = parseRule(raw, file, index);
  return rule.doc ? { parsed: { kind: 'rule', doc: rule.doc }, problems: [] } : rule;
}

/** Parses every Sigma document of a YAML text. `file` is used in errors and kept on the documents. */
export function parseSigmaYaml(text: string, file?: string): SigmaDocuments {
  const out: SigmaDocuments = { rules: [], filters: [], correlations: [], errors: [] };
  parseAllDocuments(text).forEach((doc, index) => {
    if (!('contents' in doc)) return;
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const reason = e?.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
      out.errors.push(problemToError(new RuleProblem(reason, `invalid YAML: ${e?.message ?? ''}`, ''), `<document ${index + 1}>`, file));
      return;
    }
    keepNumberText(doc);
    const raw: unknown = doc.toJS({ maxAliasCount: 100 });
    if (raw === null || raw === undefined) return;
    if (typeof raw !== 'object' || Array.isArray(raw) || isScalar(raw)) {
      out.errors.push(problemToError(new RuleProblem('not-a-map', 'a Sigma document must be a map', ''), `<document ${index + 1}>`, file));
      return;
    }
    const rec = raw as Record<string, unknown>;
    const { parsed, problems } = parseDocument(rec, file, index);
    const label = documentLabel(rec, index);
    for (const p of problems) out.errors.push(problemToError(p, label, file));
    if (parsed?.kind === 'rule') out.rules.push(parsed.doc);
    else if (parsed?.kind === 'filter') out.filters.push(parsed.doc);
    else if (parsed?.kind === 'correlation') out.correlations.push(parsed.doc);
  });
  return out;
}
