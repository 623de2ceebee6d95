import { FIELD_PATH_MAX_LENGTH, FIELD_PATH_PATTERN } from './query';
import { invalidQuery } from './errors';

const PATH_RE = new RegExp(FIELD_PATH_PATTERN);

/**
 * Re-checks a field path right before an adapter quotes it into SQL. Schema validation has
 * already run; this is the last line of defence, so SQL building never trusts a caller.
 */
export function assertSafeFieldPath(path: string): void {
  if (path.length > FIELD_PATH_MAX_LENGTH || !PATH_RE.test(path)) throw invalidQuery(`invalid field path`, 'field', { field: path.slice(0, FIELD_PATH_MAX_LENGTH) });
}
