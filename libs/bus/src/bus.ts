import type { Envelope } from '@soc/contracts';
import { messageInvalid } from './bus-errors';

/**
 * Message headers: small string metadata that travels beside the value, as Kafka record headers
 * do. Consumers may read them without parsing the value (the lake reads its index hints this
 * way, see @soc/eventstore lake-hints); the value alone must stay a complete message.
 */
export type MessageHeaders = Readonly<Record<string, string>>;

/** Most header bytes (names and values, UTF-8) one message may carry. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * A message to publish: the key decides the partition (tenant + entity keeps per-entity order).
 * A producer that already holds the envelope's JSON (a worker thread that built it) passes it
 * as `encoded` so it is written as is, not parsed and serialized again.
 */
export type OutgoingMessage = ({ key: string; value: Envelope; encoded?: undefined } | { key: string; encoded: string; value?: undefined }) & { headers?: MessageHeaders };

/**
 * Parses a stored message body. A body that is not JSON is returned as its text, so the
 * consumer's schema check dead-letters it: a bad message must never stall its partition.
 */
export function decodeValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Checks a message's headers (string names and values, within MAX_HEADER_BYTES) and returns
 * them, or undefined when there are none; both adapters call it so a header a Kafka deployment
 * would refuse is refused by the embedded bus too.
 */
export function checkedHeaders(m: OutgoingMessage, topic: string): MessageHeaders | undefined {
  const h = m.headers;
  if (h === undefined) return undefined;
  let bytes = 0;
  let count = 0;
  for (const name in h) {
    const v = h[name];
    if (typeof v !== 'string' || name.length === 0) throw messageInvalid('message headers must be non-empty names with string values', { topic, header: name });
    bytes += Buffer.byteLength(name) + Buffer.byteLength(v);
    count++;
  }
  if (bytes > MAX_HEADER_BYTES) throw messageInvalid(`message headers exceed ${MAX_HEADER_BYTES} bytes`, { topic, bytes });
  return count === 0 ? undefined : h;
}

/** The JSON text a message is stored as. */
export function encodedValue(m: OutgoingMessage): string | undefined {
  return m.encoded ?? (JSON.stringify(m.value) as string | undefined);
}

/** A message as delivered to a consumer, with its position in the topic. */
export interface Delivery {
  topic: string;
  partition: number;
  /** Offset of this message within its partition; the next one to read is offset + 1. */
  offset: number;
  key: string;
  /**
   * Parsed message body, or its JSON text when the subscription asked for `decode: 'text'`.
   * Unvalidated: consumers check it against the topic schema.
   */
  value: unknown;
  /** Headers the producer attached, if any. */
  headers?: MessageHeaders;
}

/** Where a consumer resumes when it owns its checkpoints (exactly-once sinks). */
export type ResumeFrom = (topic: string, partition: number) => Promise<number | undefined>;

export interface SubscribeOptions {
  topic: string;
  /** Consumer group: each group sees every message; members of a group share partitions. */
  group: string;
  /**
   * Called with a batch from one partition, in offset order. When it resolves the batch is
   * committed; when it rejects the batch is redelivered after `retryDelayMs` (at least once).
   */
  handler: (batch: readonly Delivery[]) => Promise<void>;
  maxBatchSize?: number;
  /** `json` (default) delivers parsed values; `text` delivers the stored JSON text, for consumers that parse elsewhere (worker threads). */
  decode?: 'json' | 'text';
  retryDelayMs?: number;
  /**
   * If set, the consumer starts each partition at the returned offset (the next one to read)
   * instead of the group's committed offset: used by sinks that store their checkpoint in the
   * same transaction as their writes.
   */
  resumeFrom?: ResumeFrom;
}

export interface Subscription {
  /** Stops fetching, waits for the in-flight batch to finish and commits it. */
  stop(): Promise<void>;
  /** Messages published but not yet committed by this group, summed over partitions. */
  lag(): Promise<number>;
}

/**
 * The message bus port. Delivery is at least once: consumers must be idempotent.
 * Implemented by the embedded durable log (`@soc/bus-embedded`) and Kafka (`@soc/bus-kafka`).
 */
export interface Bus {
  /** Resolves only once every message is durably stored (fsync'd or acknowledged by all in-sync replicas). */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Flushes and releases resources; further publishes fail with SOC_ERR_BUS_CLOSED. */
  close(): Promise<void>;
}

/**
 * Starts a freshly registered subscription; if starting fails, stops it again (releasing its
 * registration and resources) before rethrowing, so a failed subscribe leaves nothing behind.
 */
export async function startOrRollBack<S extends { start(): Promise<void>; stop(): Promise<void> }>(sub: S): Promise<S> {
  try {
    await sub.start();
  } catch (err) {
    await sub.stop();
    throw err;
  }
  return sub;
}
