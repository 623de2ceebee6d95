import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ensureDateTimeFormat, schemaErrorsText } from '@soc/bus';
import { type Envelope, type OcsfEventPayload, OcsfEventEnvelope } from '@soc/contracts';
import type { StoredEvent } from './event-store';

/** A normalized-event message refused by `appendEncoded`: its position in the call and why. */
export interface EncodedRejection {
  index: number;
  reason: string;
}

/** What `appendEncoded` did: nothing when anything was rejected (see EventStore.appendEncoded). */
export interface EncodedAppendResult {
  rejected: EncodedRejection[];
  /** Messages appended (or found already stored), by source; empty when anything was rejected. */
  accepted: Record<string, number>;
  /**
   * Earliest envelope `ingestedAt` (ms since epoch) of the messages appended: how old the
   * commit's oldest event is, i.e. how long ingest-to-stored took at worst, the delay ingest's
   * admission steers by. Absent when nothing was appended or the store did not read it.
   */
  oldestIngestedAt?: number;
}

/** The result of an encoded append that stored its batch; `oldestIngestedAt` only when the store read one. */
export function appendedResult(accepted: Record<string, number>, oldestIngestedAt: number | undefined): EncodedAppendResult {
  return oldestIngestedAt === undefined ? { rejected: [], accepted } : { rejected: [], accepted, oldestIngestedAt };
}

/**
 * The earliest `ingestedAt` of a batch. The records of one ingest request share one, so a
 * batch holds few distinct texts and the same text is not parsed twice in a row.
 */
export class OldestIngestedAt {
  private lastText = '';
  value: number | undefined;

  see(ingestedAt: string): void {
    if (ingestedAt === this.lastText) return;
    this.lastText = ingestedAt;
    this.seeMs(Date.parse(ingestedAt));
  }

  seeMs(ms: number | undefined): void {
    if (ms !== undefined && Number.isFinite(ms) && (this.value === undefined || ms < this.value)) this.value = ms;
  }
}

/** The per-source counts of a batch of decoded events. */
export function countBySource(events: readonly StoredEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.source] = (out[e.source] ?? 0) + 1;
  return out;
}

let checker: ReturnType<typeof TypeCompiler.Compile<typeof OcsfEventEnvelope>> | undefined;

/**
 * Decodes `events.ocsf` messages (envelope JSON text, as they travel on the bus) into stored
 * events, checking each against the topic's envelope schema. The event time is the OCSF `time`,
 * else the envelope's `occurredAt`.
 */
export function decodeOcsfMessages(texts: readonly string[]): { events: StoredEvent[]; rejected: EncodedRejection[]; oldestIngestedAt: number | undefined } {
  if (!checker) {
    ensureDateTimeFormat();
    checker = TypeCompiler.Compile(OcsfEventEnvelope);
  }
  const check = checker;
  const events: StoredEvent[] = [];
  const rejected: EncodedRejection[] = [];
  const oldest = new OldestIngestedAt();
  texts.forEach((text, index) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      rejected.push({ index, reason: `not JSON: ${(err as Error).message}` });
      return;
    }
    if (!check.Check(value)) {
      rejected.push({ index, reason: schemaErrorsText(check, value) || 'schema check failed' });
      return;
    }
    const env = value as Envelope<OcsfEventPayload>;
    oldest.see(env.ingestedAt);
    const t = env.payload.event['time'];
    events.push({ id: env.id, tenantId: env.tenantId, time: typeof t === 'number' ? t : Date.parse(env.occurredAt), classUid: env.payload.classUid, source: env.payload.source, event: env.payload.event });
  });
  return { events, rejected, oldestIngestedAt: oldest.value };
}
