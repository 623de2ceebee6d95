/** Whether `k` is an own key of `o` (not inherited: a record key like `constructor` is data). */
export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A copy of the own keys of `rec` that come before `stop`, all of them unchanged so far: the
 * copy-on-first-change step of builders that return their input untouched when nothing changes.
 */
export function copyBefore(rec: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in rec) {
    if (k === stop) break;
    if (hasOwn(rec, k)) out[k] = rec[k];
  }
  return out;
}
