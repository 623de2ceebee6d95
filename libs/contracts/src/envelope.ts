import { type Static, type TSchema, Type } from '@sinclair/typebox';

/** Current version of the envelope layout itself (not of any payload). */
export const ENVELOPE_SCHEMA_VERSION = 1;

/**
 * The one envelope every message on every topic travels in. `payload` is typed per topic;
 * `schemaVersion` is the payload's version so consumers can upgrade old messages.
 */
export const EnvelopeSchema = <P extends TSchema>(payload: P) =>
  Type.Object(
    {
      id: Type.String({ minLength: 1, maxLength: 128 }),
      tenantId: Type.String({ minLength: 1, maxLength: 64 }),
      type: Type.String({ minLength: 1, maxLength: 128 }),
      schemaVersion: Type.Integer({ minimum: 1 }),
      occurredAt: Type.String({ format: 'date-time' }),
      ingestedAt: Type.String({ format: 'date-time' }),
      traceId: Type.String({ minLength: 1, maxLength: 128 }),
      payload,
    },
    { additionalProperties: false },
  );

/** An envelope around payload type `P`. */
export interface Envelope<P = unknown> {
  id: string;
  tenantId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  ingestedAt: string;
  traceId: string;
  payload: P;
}

export type EnvelopeOf<S extends TSchema> = Envelope<Static<S>>;
