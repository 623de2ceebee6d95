import { SocError } from '@soc/errors';

/** A mapper asked for a class/activity the compiled OCSF schema does not define (a mapper bug). */
export const SOC_ERR_OCSF_UNKNOWN_CLASS = 'SOC_ERR_OCSF_UNKNOWN_CLASS';
/** An event failed OCSF schema validation where the caller required it to be valid. */
export const SOC_ERR_OCSF_INVALID_EVENT = 'SOC_ERR_OCSF_INVALID_EVENT';

/** Thrown by {@link buildClassification} for an unknown class uid or activity id. */
export function unknownClassError(classUid: number, activityId?: number): SocError {
  return new SocError(SOC_ERR_OCSF_UNKNOWN_CLASS, `OCSF class ${classUid} / activity ${activityId ?? '-'} is not in the compiled 1.8.0 schema`, {
    httpStatus: 500,
    retryable: false,
    details: { classUid, activityId },
  });
}

/** Thrown by `assertValidOcsf`: carries the schema errors. */
export function invalidEventError(errors: string[]): SocError {
  return new SocError(SOC_ERR_OCSF_INVALID_EVENT, `event is not valid OCSF 1.8.0: ${errors.slice(0, 5).join('; ')}`, {
    httpStatus: 422,
    retryable: false,
    details: { errors },
  });
}
