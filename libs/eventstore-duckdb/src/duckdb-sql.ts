import { IP_KEY_SUFFIX, assertSafeFieldPath, type ParsedBase, type ParsedFilter } from '@soc/eventstore';
import type { DuckDbParams } from './duckdb-params';

/** OCSF paths stored as typed columns; filters and sorts on them skip JSON entirely. */
export const PROMOTED_COLUMNS: Readonly<Record<string, string>> = {
  time: 'time',
  class_uid: 'class_uid',
  category_uid: 'category_uid',
  severity_id: 'severity_id',
  activity_id: 'activity_id',
  type_uid: 'type_uid',
};

/**
 * The VARCHAR[] of every value at `path` (or at its derived key, e.g. the IP form); the path is
 * grammar-checked right here, before it is quoted into the SQL text.
 */
export function valuesExpr(path: string, derivedSuffix: '' | typeof IP_KEY_SUFFIX = ''): string {
  assertSafeFieldPath(path);
  return `json_extract_string(fields, '$."${path}${derivedSuffix}"[*]')`;
}

const anyOf = (list: string, predicate: string): string => `(len(list_filter(${list}, lambda x: ${predicate})) > 0)`;
const NUM_OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

function eqPredicate(value: string | number | boolean | undefined, x: string, p: DuckDbParams): string {
  return typeof value === 'number' ? `TRY_CAST(${x} AS DOUBLE) = ${p.add(value)}` : `${x} = ${p.add(String(value))}`;
}

function inPredicate(values: readonly (string | number)[], x: string, p: DuckDbParams): string {
  const nums = values.filter((v): v is number => typeof v === 'number');
  const strs = values.filter((v): v is string => typeof v === 'string');
  const parts: string[] = [];
  if (strs.length > 0) parts.push(`list_contains(${p.addStringList(strs)}, ${x})`);
  if (nums.length > 0) parts.push(`TRY_CAST(${x} AS DOUBLE) IN (${nums.map((n) => p.add(n)).join(', ')})`);
  return `(${parts.join(' OR ')})`;
}

/** Predicate on one scalar expression `x` (text); shared by JSON leaves and promoted columns. */
function scalarPredicate(f: ParsedFilter, x: string, p: DuckDbParams): string {
  switch (f.op) {
    case 'eq':
    case 'neq':
      return eqPredicate(f.value, x, p);
    case 'in':
      return inPredicate(f.values ?? [], x, p);
    case 'contains':
      return `contains(lower(${x}), ${p.add(String(f.value))})`;
    case 'prefix':
      return `starts_with(lower(${x}), ${p.add(String(f.value))})`;
    default:
      return `TRY_CAST(${x} AS DOUBLE) ${NUM_OPS[f.op] ?? '='} ${p.add(Number(f.value))}`;
  }
}

function promotedFilter(f: ParsedFilter, col: string, p: DuckDbParams): string {
  if (f.op === 'exists') return f.value === false ? `${col} IS NULL` : `${col} IS NOT NULL`;
  if (f.op === 'cidr') return 'FALSE';
  const pred = `coalesce(${scalarPredicate(f, `CAST(${col} AS VARCHAR)`, p)}, FALSE)`;
  return f.op === 'neq' ? `NOT ${pred}` : pred;
}

function jsonFilter(f: ParsedFilter, p: DuckDbParams): string {
  const list = valuesExpr(f.field);
  if (f.op === 'exists') {
    const any = `(len(${list}) > 0 OR ${anyOf('json_keys(fields)', `starts_with(x, ${p.add(`${f.field}.`)})`)})`;
    return f.value === false ? `NOT ${any}` : any;
  }
  if (f.op === 'cidr') {
    const range = f.ipRange ?? { lo: 'z', hi: '' };
    return anyOf(valuesExpr(f.field, IP_KEY_SUFFIX), `x >= ${p.add(range.lo)} AND x <= ${p.add(range.hi)}`);
  }
  const pred = `coalesce(${anyOf(list, scalarPredicate(f, 'x', p))}, FALSE)`;
  return f.op === 'neq' ? `NOT ${pred}` : pred;
}

/** WHERE clause for tenant, range, filters and free text; every value bound. */
export function whereClause(tenantId: string, q: ParsedBase, p: DuckDbParams): string {
  const parts = [`tenant_id = ${p.add(tenantId)}`, `time >= ${p.add(BigInt(q.fromMs))}`, `time < ${p.add(BigInt(q.toMs))}`];
  for (const f of q.filters) {
    const col = PROMOTED_COLUMNS[f.field];
    parts.push(col ? promotedFilter(f, col, p) : jsonFilter(f, p));
  }
  if (q.text !== undefined) parts.push(`contains(search_text, ${p.add(q.text)})`);
  return parts.join(' AND ');
}
