/**
 * What `--mapping auto` evaluates on flat-JSON events: every rule except those the Windows
 * mapping knows. A Windows rule read through the flat mapping has no logsource condition, so
 * `condition: not selection` would fire on every Zeek or application record; Windows rules
 * run on Windows-shaped events only. Correlations that reference a left-out rule go too.
 */
import { windowsFieldMapping, type SigmaCorrelationDoc, type SigmaDocuments } from '@soc/sigma';

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

/** The documents for auto's flat lane. */
export function flatLaneDocuments(documents: readonly SigmaDocuments[]): SigmaDocuments[] {
  const dropped = new Set<string>();
  let docs = documents.map((d) => ({
    ...d,
    rules: d.rules.filter((r) => {
      const windows = windowsFieldMapping.variants(r.logsource) !== undefined;
      if (windows) namesOf(r).forEach((n) => dropped.add(n));
      return !windows;
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
  return docs;
}
