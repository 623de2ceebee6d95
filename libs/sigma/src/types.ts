/**
 * Types shared by the three parts of the Sigma library: rules (parse, compile, evaluate),
 * mapping (which events a logsource covers and where a Sigma field lives in them) and
 * correlation (stateful rules over the matches of other rules). Pure data: no I/O, no clock.
 */

/** An event as the engine sees it: parsed JSON (evtx_dump layout, flattened Windows, OCSF...). */
export type SigmaEvent = Readonly<Record<string, unknown>>;

/**
 * Reads one Sigma field from an event. Returns undefined when the field is absent, null when
 * it is present and null, an array when the field holds several values (any element may match).
 * Built once per field at compile time, so evaluation never re-resolves a field name.
 */
export type FieldAccessor = (event: SigmaEvent) => unknown;

/** A rule's `logsource` section. */
export interface Logsource {
  category?: string;
  product?: string;
  service?: string;
  definition?: string;
}

/**
 * What an event must hold to belong to a logsource, in a form a rule index can use: every
 * clause must hold; a clause holds when the field's value equals (case-insensitively for
 * strings, numerically for numbers) one of `values`.
 */
export interface LogsourceClause {
  field: string;
  values: readonly (string | number)[];
}

/** One concrete way a logsource is produced (e.g. process_creation from Sysmon 1, or from Security 4688). */
export interface LogsourceVariant {
  /** Human name, e.g. `sysmon-1` or `security-4688`. */
  name: string;
  /** Conditions an event must meet; empty means every event of the mapping. */
  conditions: readonly LogsourceClause[];
  /** Field renames for this variant: Sigma field name -> field name in the event (thor.yml `fieldmappings`). */
  fieldRenames: Readonly<Record<string, string>>;
}

/**
 * How rules meet events of one kind (Windows evtx_dump, OCSF...). Consulted at compile time
 * only. `variants` returns undefined when the mapping does not know the logsource at all (the
 * rule cannot fire on these events, which is reported, not thrown).
 */
export interface FieldMapping {
  /** Name of the mapping, e.g. `windows` or `ocsf`. */
  readonly name: string;
  variants(logsource: Logsource): readonly LogsourceVariant[] | undefined;
  /** Accessor for a Sigma field name (after the variant's renames), or for a logsource clause field. */
  accessor(field: string): FieldAccessor;
}

/** A match of one detection rule on one event. */
export interface RuleMatch {
  ruleId: string;
  /** The rule's `name` (used by correlation rules to reference it), if it has one. */
  ruleName?: string;
  event: SigmaEvent;
  /** Id of the event (e.g. its envelope id), carried into correlation evidence; optional. */
  eventId?: string;
  /** Event time in ms since the epoch (from the caller; correlation windows use it). */
  time: number;
}
