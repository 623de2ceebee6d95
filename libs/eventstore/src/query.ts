import { Type, type Static } from '@sinclair/typebox';

/**
 * Request and response schemas of the event lake's query API (POST /v1/events/search and
 * /v1/events/aggregate). They are the wire contract; `parseSearchQuery` / `parseAggregateQuery`
 * add the semantic checks a JSON schema cannot express (range order, op/value pairing).
 *
 * Field path semantics: a path such as `observables.value` names the scalar leaves reached by
 * walking the event's keys; arrays along the way are transparent, so a path through an array
 * addresses every element, and a filter matches when ANY reached value satisfies it
 * (`neq` is its negation: no reached value equals). Paths address scalars; `exists` also
 * accepts an object path and is true when something non-null is stored under it.
 *
 * Not indexed: `raw_data` (the original record as one string, returned with the event but
 * matched by neither filters nor free text; mappers keep every original field in a mapped
 * field or in `unmapped`, which are searched). `cidr` matches IP literals under keys named
 * `ip`, `*_ip`, `ips`, `*_ips` and in `observables.value`; on any other path it matches nothing.
 */

/** Max characters of a field path; paths are validated by a strict grammar before use. */
export const FIELD_PATH_MAX_LENGTH = 128;
/** Max dot-separated segments of a field path. */
export const FIELD_PATH_MAX_DEPTH = 8;
/** `segment(.segment)*`, segment = letters, digits, underscore. Nothing that could close a quote. */
export const FIELD_PATH_PATTERN = '^[A-Za-z0-9_]{1,64}(\\.[A-Za-z0-9_]{1,64}){0,7}$';
/** Widest time range one query may span (366 days), so a query cannot ask for a full scan by accident. */
export const MAX_QUERY_RANGE_MS = 366 * 24 * 3600 * 1000;
/** Fields a search can sort on: the promoted columns, so keyset paging stays exact and fast. */
export const SORTABLE_FIELDS = ['time', 'class_uid', 'category_uid', 'severity_id', 'activity_id', 'type_uid'] as const;
/** Named histogram intervals and their width in seconds. */
export const HISTOGRAM_INTERVALS = { '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 } as const;
/** Upper bound on histogram buckets in one answer. */
export const MAX_HISTOGRAM_BUCKETS = 10_000;

const FieldPath = Type.String({ pattern: FIELD_PATH_PATTERN, maxLength: FIELD_PATH_MAX_LENGTH, description: 'OCSF field path, e.g. actor.user.name' });
const IsoDateTime = Type.String({ format: 'date-time', description: 'RFC 3339 date-time with offset' });
const Scalar = Type.Union([Type.String({ maxLength: 1024 }), Type.Number(), Type.Boolean()]);

/** Filter operators. String ops (`contains`, `prefix`) are case-insensitive; `eq`/`in` are exact. */
export const FilterOpSchema = Type.Union(
  ['eq', 'neq', 'in', 'contains', 'prefix', 'cidr', 'exists', 'gt', 'gte', 'lt', 'lte'].map((op) => Type.Literal(op)),
);
export type FilterOp = 'eq' | 'neq' | 'in' | 'contains' | 'prefix' | 'cidr' | 'exists' | 'gt' | 'gte' | 'lt' | 'lte';

/**
 * One predicate on a field path. `value` for single-value ops (`exists` takes an optional
 * boolean, default true), `values` for `in`. A number compares numerically, a string as text.
 */
export const FilterSchema = Type.Object(
  {
    field: FieldPath,
    op: FilterOpSchema,
    value: Type.Optional(Scalar),
    values: Type.Optional(Type.Array(Type.Union([Type.String({ maxLength: 1024 }), Type.Number()]), { minItems: 1, maxItems: 1000 })),
  },
  { additionalProperties: false },
);
export interface Filter {
  field: string;
  op: FilterOp;
  value?: string | number | boolean;
  values?: (string | number)[];
}

export const SortSchema = Type.Object(
  {
    field: Type.Union(SORTABLE_FIELDS.map((f) => Type.Literal(f))),
    order: Type.Union([Type.Literal('asc'), Type.Literal('desc')]),
  },
  { additionalProperties: false },
);
export type SortField = (typeof SORTABLE_FIELDS)[number];
export interface Sort {
  field: SortField;
  order: 'asc' | 'desc';
}

const commonQueryProps = {
  from: IsoDateTime,
  to: IsoDateTime,
  filters: Type.Optional(Type.Array(FilterSchema, { maxItems: 32 })),
  text: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'case-insensitive substring over the event values, except raw_data (the original record; its fields are searchable through the mapped fields and unmapped)',
    }),
  ),
};

/** POST /v1/events/search body. The range is half-open: from <= time < to. */
export const SearchQuerySchema = Type.Object(
  {
    ...commonQueryProps,
    sort: Type.Optional(Type.Array(SortSchema, { minItems: 1, maxItems: 3, description: 'default time desc; id breaks ties' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  },
  { additionalProperties: false },
);
export interface SearchQuery {
  from: string;
  to: string;
  filters?: Filter[];
  text?: string;
  sort?: Sort[];
  limit?: number;
  cursor?: string;
}

export const EventHitSchema = Type.Object({
  id: Type.String(),
  time: IsoDateTime,
  classUid: Type.Integer(),
  source: Type.String(),
  event: Type.Record(Type.String(), Type.Unknown()),
});
/** One search hit. */
export type EventHit = Static<typeof EventHitSchema>;

/** POST /v1/events/search response. `nextCursor` is absent on the last page. */
export const SearchResultSchema = Type.Object({
  events: Type.Array(EventHitSchema),
  nextCursor: Type.Optional(Type.String()),
  tookMs: Type.Number(),
});
export type SearchResult = Static<typeof SearchResultSchema>;

const HistogramInterval = Type.Union([
  ...Object.keys(HISTOGRAM_INTERVALS).map((k) => Type.Literal(k)),
  Type.Integer({ minimum: 1, maximum: 31_622_400, description: 'bucket width in seconds' }),
]);

/** POST /v1/events/aggregate body. */
export const AggregateQuerySchema = Type.Object(
  {
    ...commonQueryProps,
    groupBy: Type.Optional(
      Type.Object({ field: FieldPath, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 10 })) }, { additionalProperties: false }),
    ),
    histogram: Type.Optional(Type.Object({ interval: HistogramInterval }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export interface AggregateQuery {
  from: string;
  to: string;
  filters?: Filter[];
  text?: string;
  /** Count events by the field's value, top `limit` (default 10). An event counts once per distinct value. */
  groupBy?: { field: string; limit?: number };
  /** Zero-filled counts per bucket, bucket starts aligned to multiples of the interval since the epoch. */
  histogram?: { interval: keyof typeof HISTOGRAM_INTERVALS | number };
}

/** POST /v1/events/aggregate response. */
export const AggregateResultSchema = Type.Object({
  total: Type.Integer(),
  buckets: Type.Optional(Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }))),
  histogram: Type.Optional(Type.Array(Type.Object({ start: IsoDateTime, count: Type.Integer() }))),
  tookMs: Type.Optional(Type.Number()),
});
export type AggregateResult = Static<typeof AggregateResultSchema>;
