/** Where a rule came from: the SigmaHQ corpus, this project's native content, or the tenant itself. */
export type RuleOrigin = 'sigmahq' | 'native' | 'custom';
/** What a rule document is. */
export type RuleKind = 'detection' | 'correlation' | 'filter';
/** Sigma levels. */
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** Allowed values, for validation at the edges. */
export const RULE_ORIGINS: readonly RuleOrigin[] = ['sigmahq', 'native', 'custom'];
export const RULE_KINDS: readonly RuleKind[] = ['detection', 'correlation', 'filter'];
export const RULE_LEVELS: readonly RuleLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

/**
 * One Sigma document to store, already parsed and validated by the caller (the repository does
 * not parse Sigma). `yaml` is the document's own text; its SHA-256 decides whether it changed.
 */
export interface RuleDocument {
  /** File the document came from (for the per-file report). */
  readonly path: string;
  /** Sigma `id`, or an id derived from the document's name or place when it has none. */
  readonly ruleId: string;
  readonly name?: string | null;
  readonly kind: RuleKind;
  readonly title: string;
  readonly level?: RuleLevel | null;
  readonly status?: string | null;
  readonly logsource?: Readonly<Record<string, string>>;
  readonly tags?: readonly string[];
  readonly author?: string | null;
  readonly yaml: string;
}

/** A batch import. */
export interface ImportRulesInput {
  readonly origin: RuleOrigin;
  readonly actor: string;
  readonly reason?: string | null;
  /** Whether newly created rules start enabled; existing rules keep their state. */
  readonly enableNew: boolean;
  readonly documents: readonly RuleDocument[];
}

/** What happened to one document of an import. */
export type RuleImportOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** The per-document report of an import. */
export interface RuleImportResult {
  readonly path: string;
  readonly ruleId: string;
  readonly title: string;
  readonly outcome: RuleImportOutcome;
  /** The rule's current version after the import (absent when rejected). */
  readonly version?: number;
  /** Why it was rejected: a stable code and a short reason key. */
  readonly error?: { readonly code: string; readonly reason: string; readonly message: string };
}

/** A rule's current state (metadata of its current version). */
export interface DetectionRule {
  readonly tenantId: string;
  readonly ruleId: string;
  readonly name: string | null;
  readonly version: number;
  readonly title: string;
  readonly level: RuleLevel | null;
  readonly status: string | null;
  readonly origin: RuleOrigin;
  readonly kind: RuleKind;
  readonly logsource: Readonly<Record<string, string>>;
  readonly tags: readonly string[];
  readonly author: string | null;
  readonly sourcePath: string | null;
  readonly sha256: string;
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** A rule with the YAML of its current version. */
export interface DetectionRuleWithYaml extends DetectionRule {
  readonly yaml: string;
}

/** One stored version, without its text. */
export interface RuleVersionInfo {
  readonly ruleId: string;
  readonly version: number;
  readonly sha256: string;
  readonly sourcePath: string | null;
  readonly createdAt: Date;
  readonly createdBy: string;
}

/** One stored version with its full YAML. */
export interface RuleVersion extends RuleVersionInfo {
  readonly yaml: string;
}

/** Filters and paging of `list`; results are ordered by title, then rule id. */
export interface RuleListOptions {
  readonly enabled?: boolean;
  readonly origin?: RuleOrigin;
  readonly level?: RuleLevel;
  readonly kind?: RuleKind;
  /** Case-insensitive substring of the title, rule id or name. */
  readonly text?: string;
  /** 1..1000, default 100. */
  readonly limit?: number;
  readonly cursor?: string;
}

/** One page of rules. */
export interface RulePage {
  readonly items: DetectionRule[];
  readonly nextCursor: string | null;
}

/** Exception operators on one field (Sigma modifiers of the same name; `eq` is a plain match). */
export type ExceptionOp = 'eq' | 'contains' | 'startswith' | 'endswith' | 'cidr';
export const EXCEPTION_OPS: readonly ExceptionOp[] = ['eq', 'contains', 'startswith', 'endswith', 'cidr'];

/** A new exception: either `field`/`op`/`values`, or `filterYaml` (a Sigma filter document). */
export interface NewRuleException {
  /** The rule it suppresses; null: every rule of the tenant. */
  readonly ruleId: string | null;
  readonly field?: string;
  readonly op?: ExceptionOp;
  /** OR-ed, as in a Sigma selection. */
  readonly values?: readonly string[];
  readonly filterYaml?: string;
  readonly reason: string;
  readonly actor: string;
  readonly expiresAt?: Date | null;
}

/** Where an exception stands now. */
export type ExceptionState = 'active' | 'expired' | 'revoked';

/** A stored exception; `state` is computed against the repository's clock. */
export interface RuleException {
  readonly id: string;
  readonly tenantId: string;
  readonly ruleId: string | null;
  readonly field: string | null;
  readonly op: ExceptionOp | null;
  readonly values: readonly string[] | null;
  readonly filterYaml: string | null;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly revokeReason: string | null;
  readonly state: ExceptionState;
}

/** Which exceptions `listExceptions` returns. */
export interface ExceptionListOptions {
  /** Only this rule's exceptions, plus (unless `includeGlobal` is false) those for every rule. */
  readonly ruleId?: string;
  readonly includeGlobal?: boolean;
}

/** One enabled rule as the detection service compiles it. */
export interface EnabledRule {
  readonly ruleId: string;
  readonly version: number;
  readonly kind: RuleKind;
  readonly origin: RuleOrigin;
  readonly sha256: string;
  readonly yaml: string;
}

/**
 * Everything detection needs for one tenant. `version` is a SHA-256 over the enabled rules'
 * (id, version, sha256) and the active exceptions' ids: equal stamps mean nothing to recompile.
 * Because expiry is time-based, `nextExpiryAt` says when the stamp will change without a write.
 */
export interface EnabledRuleSet {
  readonly tenantId: string;
  readonly version: string;
  readonly rules: EnabledRule[];
  readonly exceptions: RuleException[];
  readonly nextExpiryAt: Date | null;
}

/** Who changes state, and why; both land in the audit record. */
export interface ChangeContext {
  readonly actor: string;
  readonly reason: string;
}

/**
 * Detection rules as managed content per tenant: imported, versioned (every YAML change is a
 * new version; nothing is overwritten), enabled or disabled, tuned with exceptions that are
 * revoked rather than deleted. Every change writes an audit event in the same transaction.
 */
export interface RuleRepository {
  /** Upsert a batch; one report per document, in input order. Rejections do not stop the batch. */
  importRules(tenantId: string, input: ImportRulesInput): Promise<RuleImportResult[]>;
  /** The rule with its current YAML, or null when the tenant has none with this id. */
  get(tenantId: string, ruleId: string): Promise<DetectionRuleWithYaml | null>;
  /** Filtered, keyset-paged by (title, rule id). */
  list(tenantId: string, options?: RuleListOptions): Promise<RulePage>;
  /** Enable or disable; a no-op (no audit record) when already so. SOC_ERR_NOT_FOUND, SOC_ERR_VALIDATION (reason). */
  setEnabled(tenantId: string, ruleId: string, enabled: boolean, change: ChangeContext): Promise<DetectionRule>;
  /** Every version, newest first; SOC_ERR_NOT_FOUND when the rule does not exist. */
  versions(tenantId: string, ruleId: string): Promise<RuleVersionInfo[]>;
  /** One version with its YAML, or null. */
  getVersion(tenantId: string, ruleId: string, version: number): Promise<RuleVersion | null>;
  /** Add an exception; SOC_ERR_NOT_FOUND for an unknown rule, SOC_ERR_VALIDATION for a bad shape. */
  addException(tenantId: string, input: NewRuleException): Promise<RuleException>;
  /** Revoke (idempotent: a second call returns the first revocation). SOC_ERR_NOT_FOUND. */
  revokeException(tenantId: string, exceptionId: string, change: ChangeContext): Promise<RuleException>;
  /** One exception, or null. */
  getException(tenantId: string, exceptionId: string): Promise<RuleException | null>;
  /** Exceptions including revoked and expired ones (flagged by `state`), oldest first. */
  listExceptions(tenantId: string, options?: ExceptionListOptions): Promise<RuleException[]>;
  /** The enabled rules' YAML, the active exceptions and a stamp of both. */
  enabledRuleSet(tenantId: string): Promise<EnabledRuleSet>;
  /** Just the stamp of `enabledRuleSet`, without reading YAML: cheap enough to poll. */
  ruleSetVersion(tenantId: string): Promise<string>;
}
