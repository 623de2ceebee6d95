/**
 * The parsed form of Sigma documents (spec v2.1.0): detection rules, filters (meta rules) and
 * correlation documents. Produced by `parseSigmaYaml`, consumed by `compileRule`. Pure data.
 */
import type { SocError } from '@soc/errors';
import type { Logsource } from '../types';

/** Every value modifier of the modifiers appendix (v2.1.0), including `re` sub-modifiers. */
export type ModifierName =
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 'all'
  | 'exists'
  | 'cased'
  | 'neq'
  | 'windash'
  | 're'
  | 'i'
  | 'm'
  | 's'
  | 'base64'
  | 'base64offset'
  | 'utf16le'
  | 'utf16be'
  | 'utf16'
  | 'wide'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'year'
  | 'cidr'
  | 'expand'
  | 'fieldref';

/** A scalar as YAML gives it in a detection. */
export type SigmaScalar = string | number | boolean | null;

/** One `field|mod|mod: value(s)` entry, or a keyword list (field null: full-text search). */
export interface DetectionItem {
  /** Sigma field name; null for keywords (search over every string value of the event). */
  readonly field: string | null;
  readonly modifiers: readonly ModifierName[];
  /** The values, OR-ed (AND-ed with `all`). Never empty. */
  readonly values: readonly SigmaScalar[];
  /** YAML path, for errors: `detection.selection.CommandLine|contains`. */
  readonly path: string;
}

/**
 * A search identifier: an OR of groups, each group an AND of items. A map is one group, a
 * list of maps is one group per map, a keyword list is one group of one keyword item.
 */
export interface SearchIdentifier {
  readonly name: string;
  readonly groups: readonly (readonly DetectionItem[])[];
}

/** A condition after `x of pattern` has been resolved against the rule's identifiers. */
export type ConditionNode =
  | { readonly type: 'id'; readonly name: string }
  | { readonly type: 'and'; readonly args: readonly ConditionNode[] }
  | { readonly type: 'or'; readonly args: readonly ConditionNode[] }
  | { readonly type: 'not'; readonly arg: ConditionNode };

/** A rule's detection section: identifiers and the condition (a list of conditions is OR-ed, spec). */
export interface SigmaDetection {
  readonly identifiers: Readonly<Record<string, SearchIdentifier>>;
  /** The condition text(s) as written. */
  readonly conditionText: readonly string[];
  /** One tree: the OR of the listed conditions. */
  readonly condition: ConditionNode;
}

/** A `related` entry. */
export interface SigmaRelated {
  readonly id: string;
  readonly type: 'derived' | 'obsolete' | 'merged' | 'renamed' | 'similar';
}

/** Metadata every Sigma document kind shares. */
export interface SigmaCommonMeta {
  readonly id?: string;
  readonly name?: string;
  readonly title: string;
  readonly description?: string;
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly references: readonly string[];
  readonly tags: readonly string[];
  readonly level?: 'informational' | 'low' | 'medium' | 'high' | 'critical';
  readonly status?: 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported';
  /** File the document came from, when known. */
  readonly file?: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  /** The YAML document as parsed (plain JS). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A Sigma detection rule. */
export interface SigmaRule extends SigmaCommonMeta {
  readonly kind: 'rule';
  readonly logsource: Logsource;
  readonly detection: SigmaDetection;
  readonly falsepositives: readonly string[];
  readonly fields: readonly string[];
  readonly related: readonly SigmaRelated[];
  readonly license?: string;
  readonly taxonomy?: string;
  readonly scope: readonly string[];
}

/** A Sigma filter (meta rule): extra conditions AND-ed onto the rules it names (filters spec). */
export interface SigmaFilterRule extends SigmaCommonMeta {
  readonly kind: 'filter';
  readonly logsource: Logsource;
  /** Ids or names of the rules it applies to; `any` applies to every rule of the logsource. */
  readonly rules: readonly string[] | 'any';
  readonly detection: SigmaDetection;
}

/** A correlation document; its `correlation:` section is parsed by the correlation module. */
export interface SigmaCorrelationDoc extends SigmaCommonMeta {
  readonly kind: 'correlation';
}

/** Everything one YAML text held; a bad document gives an error and does not stop the others. */
export interface SigmaDocuments {
  rules: SigmaRule[];
  filters: SigmaFilterRule[];
  correlations: SigmaCorrelationDoc[];
  errors: SocError[];
}
