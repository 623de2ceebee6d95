import { assertSafeFieldPath, type ParsedBase, type ParsedFilter } from '@soc/eventstore';
import type { DuckDbParams } from './duckdb-params';
import { SHAPE_OBJECT, SHAPE_SCALAR, type ShapeTree, type ShapeVariant } from './duckdb-shapes';

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
 * The VARCHAR[] of every scalar at `path` in the stored event, through every array level the
 * shape registry has seen there. The path is grammar-checked right here, before it is quoted
 * into the SQL text. A path never seen yields an empty list without reading any row.
 */
export function valuesExpr(path: string, shapes: ShapeTree): string {
  assertSafeFieldPath(path);
  const parts = shapes.variants(path).filter((v) => (v.flags & SHAPE_SCALAR) !== 0).map((v) => variantValues(v));
  if (parts.length === 0) return EMPTY_LIST;
  return parts.length === 1 ? (parts[0] as string) : `flatten([${parts.join(', ')}])`;
}

const EMPTY_LIST = 'CAST([] AS VARCHAR[])';

/** Values at one JSON path; where objects were also seen there, only scalars count. */
function variantValues(v: ShapeVariant): string {
  const mixed = (v.flags & SHAPE_OBJECT) !== 0;
  if (!mixed) return v.wildcard ? `json_extract_string(event, '${v.jsonPath}')` : `[json_extract_string(event, '${v.jsonPath}')]`;
  const list = v.wildcard ? `json_extract(event, '${v.jsonPath}')` : `[json_extract(event, '${v.jsonPath}')]`;
  return `list_transform(list_filter(${list}, lambda j: json_type(j) NOT IN ('OBJECT', 'ARRAY')), lambda j: j->>'$')`;
}

/** True when anything non-null is stored at `path` (a scalar, or a non-empty object there). */
function existsExpr(path: string, shapes: ShapeTree): string {
  assertSafeFieldPath(path);
  const parts = shapes.variants(path).map((v) => {
    const list = v.wildcard ? `json_extract(event, '${v.jsonPath}')` : `[json_extract(event, '${v.jsonPath}')]`;
    return `coalesce(len(list_filter(${list}, lambda j: j IS NOT NULL AND CAST(j AS VARCHAR) NOT IN ('null', '{}', '[]'))) > 0, FALSE)`;
  });
  return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
}

/** The hex forms of IP leaves at `path` (written by the indexer), for CIDR range tests. */
function ipsExpr(path: string): string {
  assertSafeFieldPath(path);
  return `json_extract_string(ips, '$."${path}"[*]')`;
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

function jsonFilter(f: ParsedFilter, p: DuckDbParams, shapes: ShapeTree): string {
  if (f.op === 'exists') {
    const any = existsExpr(f.field, shapes);
    return f.value === false ? `NOT ${any}` : any;
  }
  if (f.op === 'cidr') {
    const range = f.ipRange ?? { lo: 'z', hi: '' };
    return `coalesce(${anyOf(ipsExpr(f.field), `x >= ${p.add(range.lo)} AND x <= ${p.add(range.hi)}`)}, FALSE)`;
  }
  const pred = `coalesce(${anyOf(valuesExpr(f.field, shapes), scalarPredicate(f, 'x', p))}, FALSE)`;
  return f.op === 'neq' ? `NOT ${pred}` : pred;
}

/**
 * A JSON object key with its colon. Matched leftmost-first from the start of the text, it
 * always starts on a real opening quote: inside a string every quote is escaped, so a match
 * attempted there runs to the string's closing quote, which a comma or bracket follows, and fails.
 */
const JSON_KEY = '"(?:[^"\\\\]|\\\\.)*":';

/**
 * Free text: a case-insensitive substring of some value of the event (raw_data is stored apart
 * and is not searched). The term is escaped the way JSON.stringify escaped the stored text, so
 * `c:\windows` or a quote still match (an escaped term holds no bare quote, so it cannot match
 * across a string's edge). A plain scan of the lowercased JSON finds the rows; only when some
 * stored key could hold the term are the keys cut out of each candidate to keep the match
 * inside the values. Keys deeper than the shape walk (MAX_FLATTEN_DEPTH) are not known to the
 * registry, so a term found only in such a key can still match.
 */
function freeText(text: string, p: DuckDbParams, shapes: ShapeTree): string {
  const needle = JSON.stringify(text).slice(1, -1);
  const escaped = p.add(needle);
  const scan = `contains(lower(event), ${escaped})`;
  return shapes.keyMayContain(needle) ? `${scan} AND contains(regexp_replace(lower(event), '${JSON_KEY}', '', 'g'), ${escaped})` : scan;
}

/** WHERE clause for tenant, range, filters and free text; every value bound. */
export function whereClause(tenantId: string, q: ParsedBase, p: DuckDbParams, shapes: ShapeTree): string {
  const parts = [`tenant_id = ${p.add(tenantId)}`, `time >= ${p.add(BigInt(q.fromMs))}`, `time < ${p.add(BigInt(q.toMs))}`];
  for (const f of q.filters) {
    const col = PROMOTED_COLUMNS[f.field];
    parts.push(col ? promotedFilter(f, col, p) : jsonFilter(f, p, shapes));
  }
  if (q.text !== undefined) parts.push(freeText(q.text, p, shapes));
  return parts.join(' AND ');
}
