import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalidQuery } from './errors';
import { cidrToHexRange } from './ip';
import {
  AggregateQuerySchema,
  HISTOGRAM_INTERVALS,
  MAX_HISTOGRAM_BUCKETS,
  MAX_QUERY_RANGE_MS,
  SearchQuerySchema,
  type AggregateQuery,
  type Filter,
  type SearchQuery,
  type Sort,
} from './query';

/** A filter after semantic validation; `ipRange` is set for `cidr`. Booleans are compared as text. */
export interface ParsedFilter {
  field: string;
  op: Filter['op'];
  value?: string | number | boolean;
  values?: (string | number)[];
  ipRange?: { lo: string; hi: string };
}

/** The part every query shares, normalized for the adapters' SQL compilers. */
export interface ParsedBase {
  fromMs: number;
  toMs: number;
  filters: ParsedFilter[];
  /** Already lowercased. */
  text?: string;
}

export interface ParsedSearch extends ParsedBase {
  sort: Sort[];
  limit: number;
  cursor?: string;
}

export interface ParsedAggregate extends ParsedBase {
  groupBy?: { field: string; limit: number };
  histogram?: { intervalMs: number };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)));

function checkSchema(schema: TSchema, input: unknown, what: string): void {
  const first = Value.Errors(schema, input).First();
  if (first) {
    const part = first.path === '' ? what : first.path.replace(/^\//, '').replace(/\//g, '.');
    throw invalidQuery(`${what}: ${part}: ${first.message}`, part);
  }
}

function parseRange(from: string, to: string): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (!(fromMs < toMs)) throw invalidQuery('`from` must be before `to`', 'from');
  if (toMs - fromMs > MAX_QUERY_RANGE_MS) throw invalidQuery(`time range exceeds ${MAX_QUERY_RANGE_MS / 86_400_000} days`, 'to');
  return { fromMs, toMs };
}

function parseFilter(f: Filter, i: number): ParsedFilter {
  const part = `filters.${i}`;
  const bad = (why: string): never => {
    throw invalidQuery(`filter ${i} (${f.field} ${f.op}): ${why}`, part, { field: f.field, op: f.op });
  };
  if (f.op === 'in') {
    if (!f.values || f.value !== undefined) bad('`in` takes `values` only');
    return { field: f.field, op: f.op, values: f.values };
  }
  if (f.values !== undefined) bad('only `in` takes `values`');
  switch (f.op) {
    case 'exists':
      if (f.value !== undefined && typeof f.value !== 'boolean') bad('`exists` takes an optional boolean');
      return { field: f.field, op: f.op, value: f.value ?? true };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof f.value !== 'number' || !Number.isFinite(f.value)) bad('needs a finite number `value`');
      return { field: f.field, op: f.op, value: f.value };
    case 'contains':
    case 'prefix':
      if (typeof f.value !== 'string' || f.value === '') bad('needs a non-empty string `value`');
      return { field: f.field, op: f.op, value: (f.value as string).toLowerCase() };
    case 'cidr': {
      const range = typeof f.value === 'string' ? cidrToHexRange(f.value) : undefined;
      if (!range) return bad('needs an IPv4 or IPv6 CIDR `value` such as 10.0.0.0/8 or 2001:db8::/32');
      return { field: f.field, op: f.op, value: f.value, ipRange: range };
    }
    default:
      if (f.value === undefined) bad('needs a `value`');
      if (typeof f.value === 'number' && !Number.isFinite(f.value)) bad('number must be finite');
      return { field: f.field, op: f.op, value: typeof f.value === 'boolean' ? String(f.value) : f.value };
  }
}

function parseBase(q: { from: string; to: string; filters?: Filter[]; text?: string }): ParsedBase {
  const base: ParsedBase = { ...parseRange(q.from, q.to), filters: (q.filters ?? []).map(parseFilter) };
  if (q.text !== undefined) base.text = q.text.toLowerCase();
  return base;
}

/** Validates a search query (schema, then semantics). Throws SOC_ERR_QUERY_INVALID naming the bad part. */
export function parseSearchQuery(input: unknown): ParsedSearch {
  checkSchema(SearchQuerySchema, input, 'search query');
  const q = input as SearchQuery;
  const sort = q.sort ?? [{ field: 'time', order: 'desc' }];
  if (new Set(sort.map((s) => s.field)).size !== sort.length) throw invalidQuery('sort fields must be distinct', 'sort');
  const parsed: ParsedSearch = { ...parseBase(q), sort, limit: q.limit ?? 100 };
  if (q.cursor !== undefined) parsed.cursor = q.cursor;
  return parsed;
}

function intervalMs(interval: string | number): number {
  const seconds = typeof interval === 'number' ? interval : HISTOGRAM_INTERVALS[interval as keyof typeof HISTOGRAM_INTERVALS];
  return seconds * 1000;
}

/** Validates an aggregate query. Throws SOC_ERR_QUERY_INVALID naming the bad part. */
export function parseAggregateQuery(input: unknown): ParsedAggregate {
  checkSchema(AggregateQuerySchema, input, 'aggregate query');
  const q = input as AggregateQuery;
  const parsed: ParsedAggregate = parseBase(q);
  if (q.groupBy) parsed.groupBy = { field: q.groupBy.field, limit: q.groupBy.limit ?? 10 };
  if (q.histogram) {
    const ms = intervalMs(q.histogram.interval);
    const buckets = Math.ceil((parsed.toMs - Math.floor(parsed.fromMs / ms) * ms) / ms);
    if (buckets > MAX_HISTOGRAM_BUCKETS) throw invalidQuery(`histogram would have ${buckets} buckets (max ${MAX_HISTOGRAM_BUCKETS})`, 'histogram.interval');
    parsed.histogram = { intervalMs: ms };
  }
  return parsed;
}

/** Zero-filled histogram from sparse bucket counts keyed by bucket start (ms). */
export function fillHistogram(q: ParsedBase, intervalMs: number, counts: ReadonlyMap<number, number>): { start: string; count: number }[] {
  const out: { start: string; count: number }[] = [];
  for (let t = Math.floor(q.fromMs / intervalMs) * intervalMs; t < q.toMs; t += intervalMs) {
    out.push({ start: new Date(t).toISOString(), count: counts.get(t) ?? 0 });
  }
  return out;
}
