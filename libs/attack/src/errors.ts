import { SocError } from '@soc/errors';

/** The generated ATT&CK data file is missing fields or malformed (regenerate it with `npm run attack:compile`). */
export const SOC_ERR_ATTACK_DATA_INVALID = 'SOC_ERR_ATTACK_DATA_INVALID';

/** Thrown on first use when libs/attack/generated/attack.json does not match its schema. */
export function attackDataInvalidError(file: string, errors: string[]): SocError {
  return new SocError(SOC_ERR_ATTACK_DATA_INVALID, `${file} is not a valid ATT&CK data file: ${errors.slice(0, 3).join('; ')}`, {
    httpStatus: 500,
    retryable: false,
    details: { file, errors },
  });
}
