import { SocError } from '@soc/errors';
import type { AggregateQuery, Checkpoint, LakeMessage, LakeRow, SearchQuery } from '@soc/eventstore';

/**
 * Messages between DuckDbEventStore (calling thread) and the lake worker. An append carries
 * its events as rows (rowOf: the calling thread's share of the work is one `JSON.stringify` and
 * the index walk), an encoded append the bus messages as they are; strings cross threads as
 * plain copies.
 */
export type LakeRequest =
  | { id: number; op: 'append'; rows: readonly LakeRow[]; checkpoints: readonly Checkpoint[] }
  | { id: number; op: 'appendEncoded'; messages: readonly LakeMessage[]; checkpoints: readonly Checkpoint[] }
  | { id: number; op: 'checkpoint'; consumer: string; topic: string; partition: number }
  | { id: number; op: 'search'; tenantId: string; query: SearchQuery }
  | { id: number; op: 'aggregate'; tenantId: string; query: AggregateQuery }
  | { id: number; op: 'close' };

/** Outcome of one request; `error` is a plain object, rebuilt into a SocError on the other side. */
export type LakeReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** An error as it crosses threads: the SocError fields callers branch on, kept intact. */
export interface WireError {
  message: string;
  code?: string;
  httpStatus?: number;
  retryable?: boolean;
  details?: Record<string, unknown>;
}

/** Flattens an error for postMessage (class identity does not survive a structured clone). */
export function toWire(err: unknown): WireError {
  if (err instanceof SocError) {
    const out: WireError = { message: err.message, code: err.code, httpStatus: err.httpStatus, retryable: err.retryable };
    if (err.details) out.details = { ...err.details };
    return out;
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

/** Rebuilds the error on the calling thread: a SocError with the same code, status and details. */
export function fromWire(e: WireError): Error {
  if (e.code === undefined) return new Error(e.message);
  const opts: { httpStatus?: number; retryable?: boolean; details?: Record<string, unknown> } = {};
  if (e.httpStatus !== undefined) opts.httpStatus = e.httpStatus;
  if (e.retryable !== undefined) opts.retryable = e.retryable;
  if (e.details !== undefined) opts.details = e.details;
  return new SocError(e.code, e.message, opts);
}
