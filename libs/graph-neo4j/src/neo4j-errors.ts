import { ErrorCodes, SocError, isSocError } from '@soc/errors';

/** Neo4j driver error codes that mean the server could not be reached or went away. */
const UNREACHABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * Domain errors pass through; an unreachable server becomes SOC_ERR_UNAVAILABLE (retryable);
 * anything else is rethrown as is, so its code and message reach the log.
 */
export function mapNeo4jError(err: unknown): unknown {
  if (isSocError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new SocError(ErrorCodes.UNAVAILABLE, 'the Neo4j server is unreachable', { httpStatus: 503, retryable: true, details: { retryAfterSeconds: 1, neo4jCode: code }, cause: err });
  }
  return err;
}
