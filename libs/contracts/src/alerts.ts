import { type Static, Type } from '@sinclair/typebox';
import { EnvelopeSchema } from './envelope';

/** Sigma levels, lowest first. */
export const ALERT_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** An entity an alert is about; `type` names the kind, `value` is its canonical (lowercased where case-insensitive) form. */
export const AlertEntity = Type.Object(
  {
    type: Type.Union(
      ['user', 'host', 'ip', 'process', 'file_hash', 'cloud_principal', 'access_key', 'mailbox', 'repository', 'domain', 'url', 'app'].map((t) => Type.Literal(t)),
    ),
    value: Type.String({ minLength: 1, maxLength: 512 }),
    /** OCSF path the value was read from, so an analyst can see why. */
    path: Type.String({ maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type AlertEntity = Static<typeof AlertEntity>;

/** One event cited as evidence. */
export const AlertEvidence = Type.Object(
  {
    eventId: Type.String({ minLength: 1, maxLength: 128 }),
    time: Type.Integer(),
    source: Type.String({ maxLength: 64 }),
    classUid: Type.Integer(),
    /** Id of the base rule that matched this event (differs from the alert's rule for correlations). */
    ruleId: Type.String({ maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type AlertEvidence = Static<typeof AlertEvidence>;

/** An ATT&CK technique resolved from a rule's tags. */
export const AlertTechnique = Type.Object(
  { id: Type.String({ maxLength: 16 }), name: Type.String({ maxLength: 256 }), tactics: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 16 }) },
  { additionalProperties: false },
);

/** An ATT&CK tactic. */
export const AlertTactic = Type.Object(
  { id: Type.String({ maxLength: 16 }), shortname: Type.String({ maxLength: 64 }), name: Type.String({ maxLength: 128 }) },
  { additionalProperties: false },
);

/**
 * An alert raised by detection: which rule (with DRL attribution: its author), why (evidence
 * events, entities), what it means (ATT&CK), and the OCSF Detection Finding (class 2004) that
 * carries it all in OCSF form. Suppressed alerts are still published and stored, flagged with
 * the exception that suppressed them: nothing is hidden silently.
 */
export const AlertPayload = Type.Object(
  {
    kind: Type.Union([Type.Literal('rule'), Type.Literal('correlation')]),
    ruleId: Type.String({ minLength: 1, maxLength: 128 }),
    ruleVersion: Type.Optional(Type.String({ maxLength: 128 })),
    ruleTitle: Type.String({ maxLength: 512 }),
    level: Type.Union(ALERT_LEVELS.map((l) => Type.Literal(l))),
    author: Type.Optional(Type.String({ maxLength: 1024 })),
    /** Where the rule came from (`sigmahq`, `native`, `custom`), for DRL attribution and filtering. */
    origin: Type.Optional(Type.String({ maxLength: 32 })),
    techniques: Type.Array(AlertTechnique, { maxItems: 64 }),
    tactics: Type.Array(AlertTactic, { maxItems: 32 }),
    /** Up to 100 evidence events; `evidenceCount` is the full number. */
    evidence: Type.Array(AlertEvidence, { maxItems: 100 }),
    evidenceCount: Type.Integer({ minimum: 1 }),
    entities: Type.Array(AlertEntity, { maxItems: 200 }),
    firstSeen: Type.Integer(),
    lastSeen: Type.Integer(),
    /** Set when an active exception matched: the alert is kept and shown as suppressed. */
    suppressedBy: Type.Optional(Type.String({ maxLength: 128 })),
    /** The OCSF 1.8.0 Detection Finding; validated against the compiled schema by the producer. */
    finding: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type AlertPayload = Static<typeof AlertPayload>;
export const AlertEnvelope = EnvelopeSchema(AlertPayload);
