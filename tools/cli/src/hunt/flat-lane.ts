/**
 * What `--mapping auto` evaluates on flat-JSON events. The flat mapping has no logsource
 * condition, so two kinds of rule are left out there: rules the Windows mapping knows (they
 * run on Windows-shaped events), and rules that match an empty event (`condition: not
 * selection`): with nothing tying them to their source they would fire on every CloudTrail or
 * application record that lacks their fields. Correlations referencing a left-out rule go too.
 * `--mapping flat` runs everything: there the user has chosen the rules for the data.
 */
import { compileRule, flatFieldMapping, windowsFieldMapping, type SigmaCorrelationDoc, type SigmaDocuments, type SigmaRule } from '@soc/sigma';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rule references of a correlation document, as written (`correlation.rules`). */
function referencesOf(c: SigmaCorrelationDoc): string[] {
  const section = c.raw['correlation'];
  const rules = isRecord(section) ? section['rules'] : undefined;
  if (typeof rules === 'string') return [rules];
  return Array.isArray(rules) ? rules.filter((r): r is string => typeof r === 'string') : [];
}

function namesOf(doc: { id?: string; name?: string }): string[] {
  return [doc.id, doc.name].filter((x): x is string => x !== undefined);
}

const EMPTY_EVENT = Object.freeze({});

/** Whether a rule, read through the flat mapping, matches an event holding no field at all. */
function matchesEmptyEvent(rule: SigmaRule): boolean {
  try {
    return compileRule(rule, { mapping: flatFieldMapping }).matches(EMPTY_EVENT);
  } catch {
    // Does not compile: the detector reports it; nothing to decide here.
    return false;
  }
}

/** The documents for auto's flat lane, and how many rules were left out as matching nothing specific. */
export function flatLaneDocuments(documents: readonly SigmaDocuments[]): { documents: SigmaDocuments[]; unanchored: number } {
  const dropped = new Set<string>();
  let unanchored = 0;
  let docs = documents.map((d) => ({
    ...d,
    rules: d.rules.filter((r) => {
      const windows = windowsFieldMapping.variants(r.logsource) !== undefined;
      const empty = !windows && matchesEmptyEvent(r);
      if (empty) unanchored++;
      if (windows || empty) namesOf(r).forEach((n) => dropped.add(n));
      return !windows && !empty;
    }),
  }));
  // Chains: a correlation over a dropped correlation is dropped as well, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    docs = docs.map((d) => ({
      ...d,
      correlations: d.correlations.filter((c) => {
        if (!referencesOf(c).some((ref) => dropped.has(ref))) return true;
        namesOf(c).forEach((n) => dropped.add(n));
        changed = true;
        return false;
      }),
    }));
  }
  return { documents: docs, unanchored };
}
