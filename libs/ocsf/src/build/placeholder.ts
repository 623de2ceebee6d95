/**
 * Name used when a class requires a user, endpoint or object the record does not
 * identify (OCSF's at-least-one constraints). {@link finishEvent} never turns it into an
 * observable.
 */
export const UNKNOWN = 'unknown';
