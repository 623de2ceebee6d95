import { SocError } from '@soc/errors';

/** A rule file is not valid YAML, or a document in it is not a Sigma rule, filter or correlation. */
export const SOC_ERR_SIGMA_RULE_INVALID = 'SOC_ERR_SIGMA_RULE_INVALID';
/** A rule's condition does not parse or names a selection the rule lacks. */
export const SOC_ERR_SIGMA_CONDITION_INVALID = 'SOC_ERR_SIGMA_CONDITION_INVALID';
/** A correlation rule is malformed or references rules that do not exist. */
export const SOC_ERR_SIGMA_CORRELATION_INVALID = 'SOC_ERR_SIGMA_CORRELATION_INVALID';

/** Where in which rule a problem is: the rule (id or title, file), the YAML path, and why. */
export interface SigmaErrorPlace {
  /** Rule id, else title, else `<document N>`. */
  rule: string;
  /** File the rule came from, when known. */
  file?: string;
  /** Dotted path inside the rule, e.g. `detection.selection.CommandLine|contains`. */
  path?: string;
  /** Stable short reason key, e.g. `unknown-modifier`, `bad-regex`, `missing-condition`. */
  reason: string;
}

/** A Sigma problem, naming the rule, the place and the reason. */
export function sigmaError(code: string, message: string, place: SigmaErrorPlace): SocError {
  const where = [place.file, place.rule, place.path].filter(Boolean).join(' ');
  return new SocError(code, `${where}: ${message}`, { httpStatus: 400, retryable: false, details: { ...place } });
}
