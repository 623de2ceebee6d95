/** An ATT&CK tactic (a column of the Enterprise matrix). */
export interface AttackTactic {
  /** `TA0006` */
  readonly id: string;
  /** Kill-chain phase name as used in Sigma tags and `kill_chain_phases`: `credential-access`. */
  readonly shortname: string;
  /** `Credential Access` */
  readonly name: string;
}

/** An ATT&CK technique or sub-technique. */
export interface AttackTechnique {
  /** `T1059` or `T1059.001` */
  readonly id: string;
  readonly name: string;
  /** Tactic shortnames, in kill-chain order. */
  readonly tactics: readonly string[];
  /** Platforms as MITRE names them (`Windows`, `IaaS`, ...), sorted; empty for provisional v19 entries. */
  readonly platforms: readonly string[];
  /** Parent technique id, for sub-techniques only. */
  readonly parent?: string;
  /** MITRE deprecated it without a replacement; kept because existing rules still cite it. */
  readonly deprecated?: true;
  /** Not in the compiled release: an ATT&CK v19 id SigmaHQ already uses (see v19.ts). */
  readonly provisional?: true;
}

/** A named ATT&CK object referenced by id only: a group (`G0016`) or a piece of software (`S0002`). */
export interface AttackNamed {
  readonly id: string;
  readonly name: string;
}

/** A revoked id met in the tags and the id it was resolved to. */
export interface AttackReplacement {
  /** The id as tagged (upper case), e.g. `T1086`. */
  readonly from: string;
  /** The current id it was revoked in favour of, e.g. `T1059.001`. */
  readonly to: string;
}

/** What a rule's `attack.*` tags mean in ATT&CK terms. */
export interface AttackResolution {
  /** Tagged techniques (revoked ids replaced), de-duplicated, in tag order. */
  readonly techniques: readonly AttackTechnique[];
  /** Tagged tactics plus the tactics of the tagged techniques, de-duplicated, in kill-chain order. */
  readonly tactics: readonly AttackTactic[];
  /** Tagged groups (`attack.g0016`), de-duplicated, in tag order. */
  readonly groups: readonly AttackNamed[];
  /** Tagged software (`attack.s0002`), de-duplicated, in tag order. */
  readonly software: readonly AttackNamed[];
  /** Revoked ids that were replaced by their successor. */
  readonly replaced: readonly AttackReplacement[];
  /** `attack.*` tags that name nothing in the data, as written. Never thrown. */
  readonly unknown: readonly string[];
}
