/**
 * Parses one correlation document (a YAML document with a `correlation` section, as the `yaml`
 * package returns it) into a validated `CorrelationRule`, per specification v2.1.0 and its JSON
 * schema. Every problem throws SOC_ERR_SIGMA_CORRELATION_INVALID naming the rule, path and reason.
 */
import type { SocError } from '@soc/errors';
import { SOC_ERR_SIGMA_CORRELATION_INVALID, sigmaError } from '../errors';
import { parseCondition } from './parse-condition';
import { parseTimespanMs } from './timespan';
import type { CorrelationRule, CorrelationType } from './types';

const TYPES: ReadonlySet<string> = new Set([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
]);
const SECTION_KEYS: ReadonlySet<string> = new Set(['type', 'rules', 'aliases', 'group-by', 'timespan', 'condition', 'generate']);
const STATUSES: ReadonlySet<string> = new Set(['stable', 'test', 'experimental', 'deprecated', 'unsupported']);
const LEVELS: ReadonlySet<string> = new Set(['informational', 'low', 'medium', 'high', 'critical']);

type Fail = (reason: string, path: string, message: string) => SocError;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function optString(doc: Record<string, unknown>, key: string, fail: Fail): string | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  // YAML turns an unquoted date into a Date; keep it as the written day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') throw fail('bad-metadata', key, `${key} must be a string`);
  return v;
}

/** A string or a list of strings (hayabusa writes `references:` as one string); null is empty. */
function stringList(doc: Record<string, unknown>, key: string, fail: Fail): string[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw fail('bad-metadata', key, `${key} must be a string or a list of strings`);
}

function enumValue(doc: Record<string, unknown>, key: string, allowed: ReadonlySet<string>, fail: Fail): string | undefined {
  const v = optString(doc, key, fail);
  if (v !== undefined && !allowed.has(v)) throw fail(`bad-${key}`, key, `${key} must be one of ${[...allowed].join(', ')}`);
  return v;
}

function parseRules(raw: unknown, fail: Fail): string[] {
  if (!Array.isArray(raw) || raw.length === 0) throw fail('missing-rules', 'correlation.rules', 'rules must be a non-empty list');
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    if (typeof r !== 'string' || r.length === 0) throw fail('bad-rule-ref', `correlation.rules[${i}]`, 'a rule reference is an id or a name');
    if (seen.has(r)) throw fail('duplicate-rule-ref', `correlation.rules[${i}]`, `rule '${r}' is referenced twice`);
    seen.add(r);
  });
  return raw as string[];
}

/**
 * group-by: the spec's text calls it mandatory yet says it "optionally defines" fields, and
 * pySigma accepts it absent; absent or empty means one group for all matches.
 */
function parseGroupBy(raw: unknown, fail: Fail): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((f) => typeof f === 'string' && f.length > 0)) {
    throw fail('bad-group-by', 'correlation.group-by', 'group-by must be a list of field names');
  }
  if (new Set(raw).size !== raw.length) throw fail('bad-group-by', 'correlation.group-by', 'group-by lists a field twice');
  return raw as string[];
}

function parseAliases(raw: unknown, rules: readonly string[], fail: Fail): Record<string, Record<string, string>> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw fail('bad-aliases', 'correlation.aliases', 'aliases must be a map');
  const out: Record<string, Record<string, string>> = {};
  for (const [alias, perRule] of Object.entries(raw)) {
    if (!isRecord(perRule)) throw fail('bad-aliases', `correlation.aliases.${alias}`, 'an alias maps rule names to field names');
    const map: Record<string, string> = {};
    for (const [rule, field] of Object.entries(perRule)) {
      const path = `correlation.aliases.${alias}.${rule}`;
      if (!rules.includes(rule)) throw fail('alias-unknown-rule', path, `'${rule}' is not in correlation.rules`);
      if (typeof field !== 'string' || field.length === 0) throw fail('bad-aliases', path, 'the aliased field must be a field name');
      map[rule] = field;
    }
    out[alias] = map;
  }
  return out;
}

/**
 * `generate` is a top-level attribute in the spec and its schema; pySigma reads it inside the
 * correlation section. Both are accepted; they must not disagree. Default false: "only the
 * correlation query should be generated (default)".
 */
function parseGenerate(doc: Record<string, unknown>, section: Record<string, unknown>, fail: Fail): boolean {
  const top = doc['generate'];
  const inner = section['generate'];
  for (const [v, path] of [[top, 'generate'], [inner, 'correlation.generate']] as const) {
    if (v !== undefined && typeof v !== 'boolean') throw fail('bad-generate', path, 'generate must be true or false');
  }
  if (top !== undefined && inner !== undefined && top !== inner) {
    throw fail('bad-generate', 'generate', 'generate is set twice with different values');
  }
  return (top ?? inner ?? false) as boolean;
}

function parseSection(doc: Record<string, unknown>, fail: Fail) {
  const section = doc['correlation'];
  if (!isRecord(section)) throw fail('missing-correlation', 'correlation', 'the correlation section must be a map');
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.has(key)) throw fail('unknown-key', `correlation.${key}`, `unknown correlation attribute '${key}'`);
  }
  const type = section['type'];
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw fail('bad-type', 'correlation.type', `type must be one of ${[...TYPES].join(', ')}`);
  }
  const rules = parseRules(section['rules'], fail);
  const timespan = section['timespan'];
  const timespanMs = typeof timespan === 'string' ? parseTimespanMs(timespan) : undefined;
  if (timespanMs === undefined) {
    throw fail('bad-timespan', 'correlation.timespan', 'timespan must be a positive number followed by s, m, h, d or w (e.g. 90m)');
  }
  const condition = parseCondition(section['condition'], type as CorrelationType, rules.length);
  if ('reason' in condition) {
    const path = condition.path ? `correlation.condition.${condition.path}` : 'correlation.condition';
    throw fail(condition.reason, path, condition.message);
  }
  return {
    type: type as CorrelationType,
    rules,
    groupBy: parseGroupBy(section['group-by'], fail),
    timespan: timespan as string,
    timespanMs,
    condition,
    aliases: parseAliases(section['aliases'], rules, fail),
    generate: parseGenerate(doc, section, fail),
  };
}

/**
 * Parses a correlation document. `place` says where it came from (file and 0-based document
 * index) for error messages and for the rule's `file`/`index`.
 * @throws SocError SOC_ERR_SIGMA_CORRELATION_INVALID with details { rule, file, path, reason }.
 */
export function parseCorrelation(doc: Record<string, unknown>, place: { file?: string; index: number }): CorrelationRule {
  const label =
    (typeof doc['id'] === 'string' && doc['id']) || (typeof doc['title'] === 'string' && doc['title']) || `<document ${place.index}>`;
  const fail: Fail = (reason, path, message) =>
    sigmaError(SOC_ERR_SIGMA_CORRELATION_INVALID, message, { rule: label, file: place.file, path, reason });
  if (!isRecord(doc)) throw fail('not-a-map', '', 'a correlation rule is a map');
  const title = optString(doc, 'title', fail);
  if (title === undefined || title.length === 0) throw fail('missing-title', 'title', 'title is mandatory');
  if (title.length > 256) throw fail('bad-metadata', 'title', 'title is at most 256 characters');
  const id = optString(doc, 'id', fail);
  const name = optString(doc, 'name', fail);
  const section = parseSection(doc, fail);
  const rule: CorrelationRule = {
    ref: id ?? name ?? title,
    title,
    tags: stringList(doc, 'tags', fail),
    falsepositives: stringList(doc, 'falsepositives', fail),
    references: stringList(doc, 'references', fail),
    file: place.file,
    index: place.index,
    ...section,
  };
  const optional: Record<string, string | undefined> = {
    id,
    name,
    description: optString(doc, 'description', fail),
    status: enumValue(doc, 'status', STATUSES, fail),
    level: enumValue(doc, 'level', LEVELS, fail),
    author: optString(doc, 'author', fail),
    date: optString(doc, 'date', fail),
    modified: optString(doc, 'modified', fail),
    taxonomy: optString(doc, 'taxonomy', fail),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (rule as unknown as Record<string, unknown>)[k] = v;
  return rule;
}
