export type { EventStore, StoredEvent, Checkpoint } from './event-store';
export { LakeIndexer, type LakeIndex } from './lake-index';
export { LAKE_HINT_HEADER, LAKE_IPS_HEADER, encodeLakeMessage, lakeRowsOf, rowOf, countRowsBySource, type LakeMessage, type LakeRow } from './lake-message';
export { appendedResult, decodeOcsfMessages, countBySource, type EncodedAppendResult, type EncodedRejection } from './encoded-messages';
export {
  SearchQuerySchema,
  SearchResultSchema,
  AggregateQuerySchema,
  AggregateResultSchema,
  FilterSchema,
  FilterOpSchema,
  SortSchema,
  EventHitSchema,
  FIELD_PATH_PATTERN,
  FIELD_PATH_MAX_LENGTH,
  FIELD_PATH_MAX_DEPTH,
  MAX_QUERY_RANGE_MS,
  MAX_HISTOGRAM_BUCKETS,
  SORTABLE_FIELDS,
  HISTOGRAM_INTERVALS,
  type SearchQuery,
  type SearchResult,
  type AggregateQuery,
  type AggregateResult,
  type Filter,
  type FilterOp,
  type Sort,
  type SortField,
  type EventHit,
} from './query';
export { parseSearchQuery, parseAggregateQuery, fillHistogram, type ParsedBase, type ParsedSearch, type ParsedAggregate, type ParsedFilter } from './parse';
export { CursorCodec, keysetPredicate, type CursorPosition } from './cursor';
export { flattenEvent, scalarText, IP_KEY_SUFFIX, MAX_FLATTEN_DEPTH, UNINDEXED_KEY, type FlatEvent } from './flatten';
export { isIpKey, ipLeafHex } from './ip-leaf';
export { ipToHex, cidrToHexRange } from './ip';
export { assertSafeFieldPath } from './field-path';
export { assertStoredEvents } from './stored-event-check';
export { invalidQuery, cursorInvalid, storeClosed, SOC_ERR_EVENTSTORE_CLOSED } from './errors';
export { describeEventStoreContract, type EventStoreFactory } from './contract';
export { runAggregate, type AggregateParts } from './aggregate';
export { cutPage, MAX_SEARCH_PAGE_CHARS } from './page';
