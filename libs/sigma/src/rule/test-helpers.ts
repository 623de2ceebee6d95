/**
 * Test support (specs only): a detection written as YAML, parsed and compiled with the flat
 * mapping, ready to test events; and the reason of the error a bad rule gives.
 */
import type { SocError } from '@soc/errors';
import type { SigmaEvent } from '../types';
import { compileRule, type CompiledRule, type CompileOptions } from './compile';
import { flatFieldMapping } from './flat-mapping';
import { parseSigmaYaml } from './parse';

function ruleYaml(detection: string): string {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `title: test rule\nlogsource:\n  product: test\ndetection:\n${body}\n`;
}

/** Compiles a rule whose detection section is `detection` (YAML, unindented). Throws on parse errors. */
export function detect(detection: string, options: Partial<CompileOptions> = {}): CompiledRule {
  const docs = parseSigmaYaml(ruleYaml(detection), 'test.yml');
  if (docs.errors.length > 0) throw docs.errors[0] as SocError;
  const rule = docs.rules[0];
  if (!rule) throw new Error('no rule parsed');
  return compileRule(rule, { mapping: flatFieldMapping, ...options });
}

/** A predicate over events for a detection. */
export function matcher(detection: string, options: Partial<CompileOptions> = {}): (e: SigmaEvent) => boolean {
  const rule = detect(detection, options);
  return (e) => rule.matches(e);
}

/** The reason key of the first error a detection gives when parsed, or undefined when it parses. */
export function parseReason(detection: string): string | undefined {
  const docs = parseSigmaYaml(ruleYaml(detection), 'test.yml');
  const e = docs.errors[0];
  return e ? String(e.details?.['reason']) : undefined;
}
