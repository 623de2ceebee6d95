import type { MapResult } from '../mapper';

/** `{ok:false}` for a record that is not an event of the source (`reason` names the field). */
export function unmappable(reason: string): MapResult {
  return { ok: false, code: 'SOC_ERR_RECORD_UNMAPPABLE', reason };
}

/**
 * Runs a mapping and turns an unexpected exception into a rejection, so one malformed
 * record can never take down the normalize consumer (mappers promise never to throw).
 */
export function guarded(source: string, run: () => MapResult): MapResult {
  try {
    return run();
  } catch (err) {
    return unmappable(`${source} mapper failed on this record: ${err instanceof Error ? err.message : String(err)}`);
  }
}
