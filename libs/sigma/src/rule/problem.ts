/**
 * A problem found in one place of one Sigma document. Raised while parsing or compiling and
 * turned into a `sigmaError` (naming the rule and file) where the document is known.
 */
import type { SocError } from '@soc/errors';
import { SOC_ERR_SIGMA_CONDITION_INVALID, SOC_ERR_SIGMA_RULE_INVALID, sigmaError } from '../errors';

/** A rule problem: stable reason key, YAML path, message; `condition` selects the condition error code. */
export class RuleProblem extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly path: string,
    readonly condition = false,
  ) {
    super(message);
    this.name = 'RuleProblem';
  }
}

/** How a document is named in errors: id, else title, else `<document N>` (1-based). */
export function documentLabel(raw: unknown, index: number): string {
  if (raw !== null && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    if (typeof r['id'] === 'string' && r['id'] !== '') return r['id'];
    if (typeof r['title'] === 'string' && r['title'] !== '') return r['title'];
  }
  return `<document ${index + 1}>`;
}

/** Converts a problem into the library's error, naming rule, file, path and reason. */
export function problemToError(p: RuleProblem, rule: string, file: string | undefined): SocError {
  const code = p.condition ? SOC_ERR_SIGMA_CONDITION_INVALID : SOC_ERR_SIGMA_RULE_INVALID;
  return sigmaError(code, `${p.message} (${p.reason})`, {
    rule,
    ...(file !== undefined ? { file } : {}),
    path: p.path,
    reason: p.reason,
  });
}
