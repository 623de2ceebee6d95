import { type FusionEngineSnapshot, isFusionEngineSnapshot } from '@soc/fusion';

/**
 * What fusion persists: the next offset of every alert partition it consumed and the engine's
 * memory *after* those offsets, saved together, so a restart resumes exactly where the memory
 * was taken.
 */
export interface FusionState {
  readonly version: 1;
  /** `<topic>/<partition>` -> next offset to read. */
  readonly offsets: Readonly<Record<string, number>>;
  readonly engine: FusionEngineSnapshot;
  readonly savedAt: number;
}

/** Port: where fusion state is kept (the state database's system_state in the stack). */
export interface FusionStateStore {
  load(): Promise<unknown>;
  save(state: FusionState): Promise<void>;
}

/** Checks a loaded value has the state's shape; anything else is treated as no state (and logged by the caller). */
export function isFusionState(v: unknown): v is FusionState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const offsets = s['offsets'];
  return (
    s['version'] === 1 &&
    typeof offsets === 'object' &&
    offsets !== null &&
    Object.values(offsets).every((o) => Number.isInteger(o) && (o as number) >= 0) &&
    isFusionEngineSnapshot(s['engine'])
  );
}
