/**
 * Checks the references between correlation rules and the rules they name, at engine
 * construction: unique ids and names, every reference resolvable, no cycles; and works out
 * which referenced rules must not alert on their own (`generate`).
 */
import { SOC_ERR_SIGMA_CORRELATION_INVALID, sigmaError } from '../errors';
import type { CorrelationRule } from './types';

/** Resolves references to detection rules (not to correlations, which the engine knows). */
export interface CorrelationRuleResolver {
  /** Whether a detection rule with this id or name exists. */
  knownRule(ref: string): boolean;
  /** The id of the rule a reference (id or name) names, when known: lets suppressedBaseRules list ids. */
  canonicalId?(ref: string): string | undefined;
}

/** What the checks establish. */
export interface CheckedReferences {
  correlationByRef: Map<string, CorrelationRule>;
  /** Correlations that only generate: false correlations reference. */
  suppressedCorrelations: Set<CorrelationRule>;
  /** Detection-rule references (and canonical ids) that only generate: false correlations reference. */
  suppressedBaseRefs: Set<string>;
}

function invalid(rule: CorrelationRule, reason: string, path: string, message: string) {
  return sigmaError(SOC_ERR_SIGMA_CORRELATION_INVALID, message, { rule: rule.id ?? rule.title, file: rule.file, path, reason });
}

function indexCorrelations(rules: readonly CorrelationRule[]): Map<string, CorrelationRule> {
  const byRef = new Map<string, CorrelationRule>();
  for (const rule of rules) {
    for (const [key, path] of [
      [rule.id, 'id'],
      [rule.name, 'name'],
    ] as const) {
      if (key === undefined) continue;
      const other = byRef.get(key);
      if (other !== undefined && other !== rule) throw invalid(rule, 'duplicate-id', path, `'${key}' also names ${other.title}`);
      byRef.set(key, rule);
    }
  }
  return byRef;
}

function checkCycles(rules: readonly CorrelationRule[], byRef: Map<string, CorrelationRule>): void {
  const state = new Map<CorrelationRule, 'visiting' | 'done'>();
  const visit = (rule: CorrelationRule): void => {
    const s = state.get(rule);
    if (s === 'done') return;
    if (s === 'visiting') throw invalid(rule, 'cycle', 'correlation.rules', 'correlation rules reference each other in a cycle');
    state.set(rule, 'visiting');
    for (const ref of rule.rules) {
      const next = byRef.get(ref);
      if (next !== undefined) visit(next);
    }
    state.set(rule, 'done');
  };
  rules.forEach(visit);
}

/**
 * Validates the references of a set of correlation rules.
 * @throws SocError SOC_ERR_SIGMA_CORRELATION_INVALID (reasons duplicate-id, unknown-rule, cycle).
 */
export function checkReferences(rules: readonly CorrelationRule[], resolver: CorrelationRuleResolver): CheckedReferences {
  const correlationByRef = indexCorrelations(rules);
  // Per referenced rule: does some referencing correlation have generate: true?
  const generated = new Map<CorrelationRule | string, boolean>();
  for (const rule of rules) {
    rule.rules.forEach((ref, i) => {
      const corr = correlationByRef.get(ref);
      if (corr === undefined && !resolver.knownRule(ref)) {
        throw invalid(rule, 'unknown-rule', `correlation.rules[${i}]`, `'${ref}' is neither a known rule nor a correlation`);
      }
      const key = corr ?? resolver.canonicalId?.(ref) ?? ref;
      generated.set(key, (generated.get(key) ?? false) || rule.generate);
    });
  }
  checkCycles(rules, correlationByRef);
  const suppressedCorrelations = new Set<CorrelationRule>();
  const suppressedBaseRefs = new Set<string>();
  for (const [key, gen] of generated) {
    if (gen) continue;
    if (typeof key !== 'string') suppressedCorrelations.add(key);
    else suppressedBaseRefs.add(key);
  }
  // Also list each reference as written, so a caller without canonical ids can test id and name.
  for (const rule of rules) {
    for (const ref of rule.rules) {
      if (correlationByRef.has(ref)) continue;
      const key = resolver.canonicalId?.(ref) ?? ref;
      if (generated.get(key) === false) suppressedBaseRefs.add(ref);
    }
  }
  return { correlationByRef, suppressedCorrelations, suppressedBaseRefs };
}
