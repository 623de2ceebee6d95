import { SocError } from '@soc/errors';

/** Scenario options are out of range or malformed (seed, start, hours, users, chains). */
export const SOC_ERR_SCENARIO_OPTIONS_INVALID = 'SOC_ERR_SCENARIO_OPTIONS_INVALID';

/** Builds the error for a bad option; `field` names the option at fault. */
export function optionsInvalid(field: string, message: string, value: unknown): SocError {
  return new SocError(SOC_ERR_SCENARIO_OPTIONS_INVALID, `scenario option ${field}: ${message}`, { httpStatus: 400, retryable: false, details: { field, value: String(value) } });
}
