import { type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  type Clock,
  type DeadLetterPayload,
  type Envelope,
  MessageTypes,
  deterministicId,
  dlqTopic,
  systemClock,
} from '@soc/contracts';
import type { Bus, Delivery, OutgoingMessage } from './bus';
import { BusErrorCodes } from './bus-errors';
import { ensureDateTimeFormat } from './date-time-format';
import { schemaErrorsText } from './schema-errors';

/** A delivery whose value passed the topic schema. */
export interface ValidDelivery<T> extends Omit<Delivery, 'value'> {
  value: T;
}

/** Options of {@link consumeValidated}. */
export interface ValidatedConsumerOptions<S extends TSchema> {
  /** Schema every message on the topic must satisfy (usually the topic's envelope schema). */
  schema: S;
  /** Receives the valid part of each batch, in offset order; not called when none is valid. */
  handler: (batch: readonly ValidDelivery<Static<S>>[]) => Promise<void>;
  /** Where rejected messages are published, to `dlq.<topic>`. */
  deadLetter: Pick<Bus, 'publish'>;
  /** Pipeline stage named in each dead letter (`normalize`, `lake`...). */
  stage: string;
  clock?: Clock;
  /** The original message is kept in the dead letter up to this many bytes of JSON (default 64 KiB). */
  maxOriginalBytes?: number;
}

/** A batch handler that validates first, plus counters of what it did. */
export interface ValidatedConsumer {
  /** Pass as `SubscribeOptions.handler`. */
  handler: (batch: readonly Delivery[]) => Promise<void>;
  /** Messages handed to the handler and messages dead-lettered, counted once their batch succeeded. */
  stats(): { valid: number; invalid: number };
}

const MAX_REASON = 2000;

/** Tenant of dead letters whose message names no usable tenant: kept, never dropped. */
export const UNATTRIBUTED_TENANT = 'unattributed';

/**
 * Wraps a batch handler so every message is checked against `schema` (TypeBox compiled
 * checker). Invalid messages are published to `dlq.<topic>` with the validation errors as the
 * reason before the valid rest reaches `handler`; if either step fails the whole batch fails
 * and is redelivered. Dead-letter ids derive from topic/partition/offset, so a redelivery
 * republishes the same ids and downstream stays idempotent. Nothing is dropped silently.
 */
export function consumeValidated<S extends TSchema>(opts: ValidatedConsumerOptions<S>): ValidatedConsumer {
  ensureDateTimeFormat();
  const checker = TypeCompiler.Compile(opts.schema);
  const clock = opts.clock ?? systemClock;
  const maxOriginal = opts.maxOriginalBytes ?? 64 * 1024;
  const counts = { valid: 0, invalid: 0 };

  const handler = async (batch: readonly Delivery[]): Promise<void> => {
    const valid: ValidDelivery<Static<S>>[] = [];
    const dead = new Map<string, OutgoingMessage[]>();
    for (const d of batch) {
      if (checker.Check(d.value)) {
        valid.push(d as ValidDelivery<Static<S>>);
        continue;
      }
      const reason = schemaErrorsText(checker, d.value);
      const topic = dlqTopic(d.topic);
      const list = dead.get(topic) ?? [];
      list.push(deadLetterFor(d, opts.stage, reason, clock, maxOriginal));
      dead.set(topic, list);
    }
    for (const [topic, messages] of dead) await opts.deadLetter.publish(topic, messages);
    if (valid.length > 0) await opts.handler(valid);
    counts.valid += valid.length;
    counts.invalid += batch.length - valid.length;
  };
  return { handler, stats: () => ({ ...counts }) };
}

function stringField(value: unknown, field: string, maxLength: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' && v.length > 0 && v.length <= maxLength ? v : undefined;
}

/**
 * The dead letter for a message that failed its topic schema: deterministic id from its
 * position, the original kept up to `maxOriginal` bytes, tenant taken from the message when
 * usable. Exported for consumers that validate outside `consumeValidated` (worker threads).
 */
export function deadLetterFor(d: Delivery, stage: string, reason: string, clock: Clock, maxOriginal: number): OutgoingMessage {
  const id = deterministicId('dlq', d.topic, d.partition, d.offset);
  const now = new Date(clock.now()).toISOString();
  const json = JSON.stringify(d.value) ?? 'undefined';
  const truncated = Buffer.byteLength(json) > maxOriginal;
  const payload: DeadLetterPayload = {
    stage,
    topic: d.topic,
    code: BusErrorCodes.MESSAGE_INVALID,
    reason: (reason || 'schema check failed').slice(0, MAX_REASON),
    original: truncated ? json.slice(0, maxOriginal) : d.value,
    originalTruncated: truncated,
  };
  const source = stringField((d.value as { payload?: unknown } | null)?.payload, 'source', 64);
  if (source) payload.source = source;
  const value: Envelope<DeadLetterPayload> = {
    id,
    // The tenant comes from the message when it carries a usable one; otherwise the dead
    // letter is still kept, under a reserved tenant, rather than dropped.
    tenantId: stringField(d.value, 'tenantId', 64) ?? UNATTRIBUTED_TENANT,
    type: MessageTypes.deadLettered,
    schemaVersion: 1,
    occurredAt: now,
    ingestedAt: now,
    traceId: stringField(d.value, 'traceId', 128) ?? id,
    payload,
  };
  return { key: d.key, value };
}
