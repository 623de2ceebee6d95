import type { ParsedAggregate } from './parse';
import type { AggregateResult } from './query';

/** The three queries an adapter runs for an aggregate; each binds the tenant itself. */
export interface AggregateParts {
  count(q: ParsedAggregate): Promise<number>;
  groupBy(q: ParsedAggregate, g: { field: string; limit: number }): Promise<{ key: string; count: number }[]>;
  histogram(q: ParsedAggregate, intervalMs: number): Promise<{ start: string; count: number }[]>;
}

/**
 * Runs the parts an aggregate query asks for, concurrently, and assembles the answer: the same
 * for every adapter, so only the SQL differs between them.
 */
export async function runAggregate(q: ParsedAggregate, parts: AggregateParts): Promise<AggregateResult> {
  const started = performance.now();
  const [total, buckets, histogram] = await Promise.all([
    parts.count(q),
    q.groupBy ? parts.groupBy(q, q.groupBy) : undefined,
    q.histogram ? parts.histogram(q, q.histogram.intervalMs) : undefined,
  ]);
  const result: AggregateResult = { total };
  if (buckets) result.buckets = buckets;
  if (histogram) result.histogram = histogram;
  result.tookMs = Math.round((performance.now() - started) * 100) / 100;
  return result;
}
