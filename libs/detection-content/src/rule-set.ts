import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorrelationEngine, compileRule, ocsfFieldMapping, parseCorrelation, parseSigmaYaml, type CompiledRule, type CorrelationAlert, type CorrelationRule, type FieldMapping, type SigmaEvent } from '@soc/sigma';
import { NATIVE_RULES_DIR } from './rules-dir';

/** The documents of one rule file, compiled against the OCSF mapping. */
export interface LoadedRuleFile {
  /** Relative to the rules directory, e.g. `identity/password_spray.yml`. */
  file: string;
  /** Chain the file is written for: its directory. */
  chain: string;
  rules: CompiledRule[];
  correlations: CorrelationRule[];
  /** Correlations no other correlation of the file references: the file's verdicts. */
  finals: CorrelationRule[];
}

/** Rule files under the rules directory, `<chain>/<file>.yml`, sorted. */
export function listRuleFiles(rulesDir: string = NATIVE_RULES_DIR): string[] {
  return readdirSync(rulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(rulesDir, d.name)).filter((f) => f.endsWith('.yml')).map((f) => `${d.name}/${f}`))
    .sort();
}

/**
 * Parses and compiles one rule file (against the native OCSF mapping unless told otherwise).
 * Throws the first parse or compile error: starter content must be clean, so a problem is a
 * failure, never a skipped rule.
 */
export function loadRuleFile(file: string, rulesDir: string = NATIVE_RULES_DIR, mapping: FieldMapping = ocsfFieldMapping): LoadedRuleFile {
  const docs = parseSigmaYaml(readFileSync(join(rulesDir, file), 'utf8'), file);
  if (docs.errors.length > 0) throw docs.errors[0];
  const rules = docs.rules.map((r) => compileRule(r, { mapping }));
  const correlations = docs.correlations.map((d) => parseCorrelation(d.raw as Record<string, unknown>, { file, index: d.index }));
  const referenced = new Set(correlations.flatMap((c) => c.rules));
  const finals = correlations.filter((c) => !referenced.has(c.ref) && !(c.name !== undefined && referenced.has(c.name)) && !(c.id !== undefined && referenced.has(c.id)));
  return { file, chain: file.slice(0, file.indexOf('/')), rules, correlations, finals };
}

/** Every rule file of the directory, loaded. */
export function loadRuleSet(rulesDir: string = NATIVE_RULES_DIR): LoadedRuleFile[] {
  return listRuleFiles(rulesDir).map((f) => loadRuleFile(f, rulesDir));
}

/** A correlation engine over the correlations of `files`, resolving references to their base rules. */
export function correlationEngineFor(files: readonly LoadedRuleFile[]): CorrelationEngine {
  const refs = new Map<string, string>();
  for (const f of files) {
    for (const r of f.rules) {
      if (r.rule.id !== undefined) refs.set(r.rule.id, r.rule.id);
      if (r.rule.name !== undefined) refs.set(r.rule.name, r.rule.id ?? r.rule.name);
    }
  }
  return new CorrelationEngine(
    files.flatMap((f) => f.correlations),
    { resolver: { knownRule: (ref) => refs.has(ref), canonicalId: (ref) => refs.get(ref) }, accessorFor: (field) => ocsfFieldMapping.accessor(field) },
  );
}

/** Event time of an OCSF event (ms since the epoch). */
function timeOf(e: SigmaEvent): number {
  return typeof e['time'] === 'number' ? e['time'] : 0;
}

/**
 * Runs the base rules of `files` over `events` (in the order given, which should be time
 * order) and feeds their matches to the files' correlations. Returns every correlation alert,
 * including windows closed by the end of the stream.
 */
export function runCorrelations(files: readonly LoadedRuleFile[], events: readonly SigmaEvent[]): CorrelationAlert[] {
  const engine = correlationEngineFor(files);
  const rules = files.flatMap((f) => f.rules);
  const alerts: CorrelationAlert[] = [];
  for (const event of events) {
    for (const r of rules) {
      if (!r.matches(event)) continue;
      const match = { ruleId: r.rule.id ?? r.rule.title, event, time: timeOf(event) };
      alerts.push(...engine.observe(r.rule.name === undefined ? match : { ...match, ruleName: r.rule.name }));
    }
  }
  alerts.push(...engine.advance(Number.MAX_SAFE_INTEGER));
  return alerts;
}
