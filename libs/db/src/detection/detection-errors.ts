import { SocError } from '@soc/errors';

/** An import names the same rule id twice; the later document is rejected, the first is kept. */
export const SOC_ERR_RULE_DUPLICATE = 'SOC_ERR_RULE_DUPLICATE';
/** A stored rule has this id with a different kind (detection, correlation, filter); ids are not reused across kinds. */
export const SOC_ERR_RULE_KIND_CONFLICT = 'SOC_ERR_RULE_KIND_CONFLICT';
/** A rule document breaks a storage limit or format (id, title, YAML size). */
export const SOC_ERR_RULE_INVALID = 'SOC_ERR_RULE_INVALID';

/** A per-document rejection; `reason` is a short stable key, `field` the offending property. */
export function ruleRejected(code: string, reason: string, message: string): SocError {
  return new SocError(code, message, { httpStatus: 400, details: { reason } });
}
