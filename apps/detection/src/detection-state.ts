import type { CorrelationSnapshot } from '@soc/sigma';

/**
 * What detection persists: the next offset of every partition it consumed and the
 * correlation state of every tenant *after* those offsets, saved together, so a restart
 * resumes exactly where the state was taken and replays only what came after it.
 */
export interface DetectionState {
  version: 1;
  /** `<topic>/<partition>` -> next offset to read. */
  offsets: Record<string, number>;
  tenants: Record<string, CorrelationSnapshot>;
  savedAt: number;
}

/**
 * Where detection state is kept (the state database's system_state, or memory in tests). What it
 * loads is unchecked: the service checks it with `isDetectionState`.
 */
export interface DetectionStateStore {
  load(): Promise<unknown>;
  save(state: DetectionState): Promise<void>;
}

/** Checks a loaded value has the state's shape; anything else is treated as no state (and logged by the caller). */
export function isDetectionState(v: unknown): v is DetectionState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return s['version'] === 1 && typeof s['offsets'] === 'object' && s['offsets'] !== null && typeof s['tenants'] === 'object' && s['tenants'] !== null;
}
