import type { DetectionException } from './exceptions';

/** One rule file as the rule store keeps it. */
export interface RuleDocument {
  /** Where it came from (store path or rule id), named in compile errors. */
  file: string;
  text: string;
  /** `sigmahq`, `native` or `custom`: shown on alerts for attribution. */
  origin: string;
  /** The stored version of the rules in this document. */
  version?: string;
}

/** Everything detection needs for one tenant, stamped with a version that changes on any edit. */
export interface TenantRulePack {
  version: string;
  documents: RuleDocument[];
  exceptions: DetectionException[];
}

/**
 * Where the detection service gets each tenant's enabled rules and active exceptions (the rule
 * store in the state database). `version` is cheap, so it can be asked often; `load` is called
 * only when the version changed.
 */
export interface DetectionRuleSource {
  version(tenantId: string): Promise<string>;
  load(tenantId: string): Promise<TenantRulePack>;
}
