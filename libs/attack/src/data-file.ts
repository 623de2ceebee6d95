import { Type, type Static } from '@sinclair/typebox';

// Shape of libs/attack/generated/attack.json, written by tools/attack-compile. The schema is
// checked once at load so a hand-edited or truncated file fails loudly instead of resolving
// tags to nothing.

const TacticRecord = Type.Object({
  id: Type.String({ pattern: '^TA\\d{4}$' }),
  shortname: Type.String(),
  name: Type.String(),
});

const TechniqueRecord = Type.Object({
  id: Type.String({ pattern: '^T\\d{4}(\\.\\d{3})?$' }),
  name: Type.String(),
  tactics: Type.Array(Type.String()),
  platforms: Type.Array(Type.String()),
  parent: Type.Optional(Type.String()),
  deprecated: Type.Optional(Type.Literal(true)),
});

const RevokedRecord = Type.Object({
  id: Type.String(),
  name: Type.String(),
  // Final replacement after following `revoked-by` chains; null when MITRE gave none.
  by: Type.Union([Type.String(), Type.Null()]),
});

const NamedRecord = Type.Object({ id: Type.String(), name: Type.String() });

/** TypeBox schema of the generated data file. */
export const AttackDataFileSchema = Type.Object({
  $comment: Type.Array(Type.String()),
  version: Type.String(),
  domain: Type.String(),
  modified: Type.String(),
  /** In matrix (kill-chain) order. */
  tactics: Type.Array(TacticRecord),
  /** Active and deprecated techniques and sub-techniques, sorted by id. */
  techniques: Type.Array(TechniqueRecord),
  /** Revoked technique ids with their replacement, sorted by id. */
  revoked: Type.Array(RevokedRecord),
  /** Intrusion sets (G####), sorted by id. */
  groups: Type.Array(NamedRecord),
  /** Malware and tools (S####), sorted by id. */
  software: Type.Array(NamedRecord),
});

/** The generated data file as parsed JSON. */
export type AttackDataFile = Static<typeof AttackDataFileSchema>;
/** One technique record in the data file. */
export type TechniqueRecord = Static<typeof TechniqueRecord>;
/** One tactic record in the data file. */
export type TacticRecord = Static<typeof TacticRecord>;
