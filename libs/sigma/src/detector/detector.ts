/**
 * A compiled rule pack: detection rules compiled against one or two field mappings, filters
 * applied, and one correlation engine fed by every base-rule match. The piece the detection
 * service, the hunting CLI and rule tests share, so a rule behaves the same everywhere.
 *
 * Two mappings model how events arrive here: a *native* view (e.g. a Windows record as its
 * source wrote it, for SigmaHQ rules) and the *OCSF* view of the same event. Each rule is
 * evaluated on exactly one view of an event, the first whose mapping knows its logsource, so
 * one event never raises the same rule twice.
 */
import type { SocError } from '@soc/errors';
import { CorrelationEngine, type CorrelationEngineOptions } from '../correlation/correlation-engine';
import { parseCorrelation } from '../correlation/parse-correlation';
import type { CorrelationAlert, CorrelationLimits, CorrelationRule, CorrelationSnapshot } from '../correlation/types';
import { compileRule, type CompiledRule } from '../rule/compile';
import type { SigmaDocuments, SigmaFilterRule, SigmaRule } from '../rule/model';
import type { PlaceholderValues } from '../rule/placeholders';
import { RuleSet } from '../rule/rule-set';
import type { FieldAccessor, FieldMapping, SigmaEvent } from '../types';

/** The views of one event a detector can evaluate. */
export interface EventViews {
  /** The event as its source wrote it (evaluated with the primary mapping). */
  native?: SigmaEvent;
  /** The OCSF form (evaluated with the secondary mapping). */
  ocsf?: SigmaEvent;
}

/** Options of {@link SigmaDetector.build}. */
export interface DetectorOptions {
  /** Mapping of the native view (e.g. windowsFieldMapping), if any. */
  primary?: FieldMapping;
  /** Mapping of the OCSF view (e.g. ocsfFieldMapping), if any. */
  secondary?: FieldMapping;
  placeholders?: PlaceholderValues;
  correlationLimits?: Partial<CorrelationLimits>;
}

/** A rule match ready to become an alert. */
export interface DetectorRuleHit {
  rule: SigmaRule;
  /** The view the rule matched. */
  view: 'native' | 'ocsf';
  event: SigmaEvent;
  /** True when the rule only feeds generate: false correlations: not an alert on its own, still a match (rule tests show it). */
  silent: boolean;
}

/** What one event produced. */
export interface DetectorOutput {
  /** Rules that matched; `silent` ones feed correlations only and raise no alert of their own. */
  hits: DetectorRuleHit[];
  correlations: CorrelationAlert[];
}

/** What building a pack found wrong, rule by rule; the rest of the pack still works. */
export interface DetectorProblems {
  errors: SocError[];
  /** Rules neither mapping knows the logsource of (they cannot fire on these events). */
  notApplicable: SigmaRule[];
}

function compileOn(rules: readonly SigmaRule[], mapping: FieldMapping | undefined, filters: readonly SigmaFilterRule[], placeholders: PlaceholderValues | undefined, errors: SocError[]): Map<SigmaRule, CompiledRule> {
  const out = new Map<SigmaRule, CompiledRule>();
  if (!mapping) return out;
  for (const rule of rules) {
    try {
      const c = compileRule(rule, { mapping, filters, ...(placeholders ? { placeholders } : {}) });
      if (c.applicable) out.set(rule, c);
    } catch (e) {
      errors.push(e as SocError);
    }
  }
  return out;
}

/** Reads a correlation field from whichever view a match came from. */
function viewAccessor(primary: FieldMapping | undefined, secondary: FieldMapping | undefined): (field: string) => FieldAccessor {
  return (field) => {
    const p = primary?.accessor(field);
    const s = secondary?.accessor(field);
    if (!p) return s ?? (() => undefined);
    if (!s) return p;
    return (e) => ('class_uid' in e ? s(e) : p(e));
  };
}

/**
 * The correlation engine over every correlation whose references hold. A correlation the
 * engine refuses (unknown rule, cycle, duplicate id) is reported and left out, so one bad
 * correlation never disables the rest of a pack.
 */
function correlationEngine(correlations: CorrelationRule[], options: CorrelationEngineOptions, errors: SocError[]): CorrelationEngine {
  let kept = correlations;
  for (;;) {
    try {
      return new CorrelationEngine(kept, options);
    } catch (e) {
      const culprit = (e as SocError).details?.['rule'];
      const next = kept.filter((c) => (c.id ?? c.title) !== culprit);
      if (next.length === kept.length) throw e;
      errors.push(e as SocError);
      kept = next;
    }
  }
}

/** A compiled pack of rules, filters and correlations over up to two views of each event. */
export class SigmaDetector {
  private constructor(
    private readonly nativeSet: RuleSet,
    /** Rules only the OCSF mapping knows: run on the OCSF view when the native view is present. */
    private readonly ocsfOnlySet: RuleSet,
    /** Every rule the OCSF mapping knows: run when there is no native view. */
    private readonly ocsfAllSet: RuleSet,
    private readonly correlation: CorrelationEngine,
    private readonly silent: ReadonlySet<string>,
    readonly ruleCount: number,
    readonly correlationRules: readonly CorrelationRule[],
  ) {}

  /** Compiles `documents` (from parseSigmaYaml); bad rules are reported and left out. */
  static build(documents: readonly SigmaDocuments[], opts: DetectorOptions): { detector: SigmaDetector; problems: DetectorProblems } {
    const errors: SocError[] = documents.flatMap((d) => d.errors);
    const rules = documents.flatMap((d) => d.rules);
    const filters = documents.flatMap((d) => d.filters);
    const onNative = compileOn(rules, opts.primary, filters, opts.placeholders, errors);
    const secondaryErrors: SocError[] = [];
    const onOcsf = compileOn(rules, opts.secondary, filters, opts.placeholders, secondaryErrors);
    // A rule failing on both mappings is reported once.
    const seen = new Set(errors.map((e) => e.message));
    for (const e of secondaryErrors) if (!seen.has(e.message)) errors.push(e);
    const correlations: CorrelationRule[] = [];
    for (const d of documents) {
      for (const c of d.correlations) {
        try {
          correlations.push(parseCorrelation(c.raw as Record<string, unknown>, { ...(c.file !== undefined ? { file: c.file } : {}), index: c.index }));
        } catch (e) {
          errors.push(e as SocError);
        }
      }
    }
    const refs = new Map<string, string>();
    for (const r of rules) {
      if (r.id !== undefined) refs.set(r.id, r.id);
      if (r.name !== undefined) refs.set(r.name, r.id ?? r.name);
    }
    const engine = correlationEngine(correlations, {
      resolver: { knownRule: (ref) => refs.has(ref), canonicalId: (ref) => refs.get(ref) },
      accessorFor: viewAccessor(opts.primary, opts.secondary),
      ...(opts.correlationLimits ? { limits: opts.correlationLimits } : {}),
    }, errors);
    const ocsfOnly = [...onOcsf].filter(([rule]) => !onNative.has(rule)).map(([, c]) => c);
    const detector = new SigmaDetector(new RuleSet([...onNative.values()]), new RuleSet(ocsfOnly), new RuleSet([...onOcsf.values()]), engine, engine.suppressedBaseRules(), rules.length, engine.rules());
    const notApplicable = rules.filter((r) => !onNative.has(r) && !onOcsf.has(r));
    return { detector, problems: { errors, notApplicable } };
  }

  /** Evaluates one event (its views) at event time `time` (ms). */
  evaluate(views: EventViews, time: number, eventId?: string): DetectorOutput {
    const out: DetectorOutput = { hits: [], correlations: [] };
    if (views.native) {
      this.run(this.nativeSet, views.native, 'native', time, eventId, out);
      if (views.ocsf) this.run(this.ocsfOnlySet, views.ocsf, 'ocsf', time, eventId, out);
    } else if (views.ocsf) {
      this.run(this.ocsfAllSet, views.ocsf, 'ocsf', time, eventId, out);
    }
    return out;
  }

  /** Newest event time the correlations have seen; -Infinity before the first match. */
  watermark(): number {
    return this.correlation.watermark();
  }

  /** Moves correlation time forward without an event (closes windows that ended). */
  advance(now: number): CorrelationAlert[] {
    return this.correlation.advance(now);
  }

  snapshot(): CorrelationSnapshot {
    return this.correlation.snapshot();
  }

  restore(snapshot: CorrelationSnapshot): void {
    this.correlation.restore(snapshot);
  }

  private run(set: RuleSet, event: SigmaEvent, view: 'native' | 'ocsf', time: number, eventId: string | undefined, out: DetectorOutput): void {
    for (const c of set.evaluate(event)) {
      const rule = c.rule;
      const match = { ruleId: rule.id ?? rule.title, event, time, ...(rule.name !== undefined ? { ruleName: rule.name } : {}), ...(eventId !== undefined ? { eventId } : {}) };
      for (const a of this.correlation.observe(match)) out.correlations.push(a);
      out.hits.push({ rule, view, event, silent: this.isSilent(rule) });
    }
  }

  /** A base rule that only feeds generate: false correlations does not alert on its own. */
  private isSilent(rule: SigmaRule): boolean {
    return (rule.id !== undefined && this.silent.has(rule.id)) || (rule.name !== undefined && this.silent.has(rule.name));
  }
}
