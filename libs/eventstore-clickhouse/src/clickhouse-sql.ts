import { IP_KEY_SUFFIX, assertSafeFieldPath, type ParsedBase, type ParsedFilter } from '@soc/eventstore';
import type { ClickHouseParams } from './clickhouse-params';

/** OCSF paths stored as typed columns (see clickhouse-schema.ts). */
export const PROMOTED_COLUMNS: Readonly<Record<string, string>> = {
  time: 'toUnixTimestamp64Milli(time)',
  class_uid: 'class_uid',
  category_uid: 'category_uid',
  severity_id: 'severity_id',
  activity_id: 'activity_id',
  type_uid: 'type_uid',
};

/** Array(String) of every value at `path`; the map key is a bound parameter. */
export function valuesExpr(path: string, p: ClickHouseParams, derivedSuffix: '' | typeof IP_KEY_SUFFIX = ''): string {
  assertSafeFieldPath(path);
  return `fields[${p.str(path + derivedSuffix)}]`;
}

const NUM_OPS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const num = (x: string): string => `toFloat64OrNull(${x})`;

/** Predicate over one text expression `x`, total (never NULL). */
function scalarPredicate(f: ParsedFilter, x: string, p: ClickHouseParams): string {
  switch (f.op) {
    case 'eq':
    case 'neq':
      return typeof f.value === 'number' ? `ifNull(${num(x)} = ${p.add(f.value, 'Float64')}, 0)` : `${x} = ${p.str(String(f.value))}`;
    case 'in': {
      const values = f.values ?? [];
      const strs = values.filter((v): v is string => typeof v === 'string');
      const nums = values.filter((v): v is number => typeof v === 'number');
      const parts: string[] = [];
      if (strs.length > 0) parts.push(`has(${p.add(strs, 'Array(String)')}, ${x})`);
      if (nums.length > 0) parts.push(`ifNull(has(${p.add(nums, 'Array(Float64)')}, ${num(x)}), 0)`);
      return `(${parts.join(' OR ')})`;
    }
    case 'contains':
      return `position(lowerUTF8(${x}), ${p.str(String(f.value))}) > 0`;
    case 'prefix':
      return `startsWith(lowerUTF8(${x}), ${p.str(String(f.value))})`;
    default:
      return `ifNull(${num(x)} ${NUM_OPS[f.op] ?? '='} ${p.add(Number(f.value), 'Float64')}, 0)`;
  }
}

function promotedFilter(f: ParsedFilter, field: string, col: string, p: ClickHouseParams): string {
  if (f.op === 'exists') return f.value === false ? `isNull(${col})` : `isNotNull(${col})`;
  if (f.op === 'cidr') return '0';
  const text = field === 'time' ? `toString(${col})` : `toString(assumeNotNull(${col}))`;
  const pred = `(isNotNull(${col}) AND ${scalarPredicate(f, text, p)})`;
  return f.op === 'neq' ? `NOT ${pred}` : pred;
}

function jsonFilter(f: ParsedFilter, p: ClickHouseParams): string {
  if (f.op === 'exists') {
    const any = `(notEmpty(${valuesExpr(f.field, p)}) OR arrayExists(k -> startsWith(k, ${p.str(`${f.field}.`)}), mapKeys(fields)))`;
    return f.value === false ? `NOT ${any}` : any;
  }
  if (f.op === 'cidr') {
    const range = f.ipRange ?? { lo: 'z', hi: '' };
    return `arrayExists(x -> x >= ${p.str(range.lo)} AND x <= ${p.str(range.hi)}, ${valuesExpr(f.field, p, IP_KEY_SUFFIX)})`;
  }
  const pred = `arrayExists(x -> ${scalarPredicate(f, 'x', p)}, ${valuesExpr(f.field, p)})`;
  return f.op === 'neq' ? `NOT ${pred}` : pred;
}

/** WHERE clause for tenant, range, filters and free text; every value bound. */
export function whereClause(tenantId: string, q: ParsedBase, p: ClickHouseParams): string {
  const parts = [
    `tenant_id = ${p.str(tenantId)}`,
    `time >= fromUnixTimestamp64Milli(${p.add(q.fromMs, 'Int64')})`,
    `time < fromUnixTimestamp64Milli(${p.add(q.toMs, 'Int64')})`,
  ];
  for (const f of q.filters) {
    const col = PROMOTED_COLUMNS[f.field];
    parts.push(col ? promotedFilter(f, f.field, col, p) : jsonFilter(f, p));
  }
  if (q.text !== undefined) parts.push(`position(search_text, ${p.str(q.text)}) > 0`);
  return parts.join(' AND ');
}
