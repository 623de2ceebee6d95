import type { AttackDataFile } from '@soc/attack';

// One record per line: the file stays small and reviewable, and a data update shows up in
// `git diff` as the handful of techniques that changed.
function emitArray(key: string, items: readonly unknown[]): string {
  if (items.length === 0) return ` ${JSON.stringify(key)}: []`;
  return ` ${JSON.stringify(key)}: [\n${items.map((i) => `  ${JSON.stringify(i)}`).join(',\n')}\n ]`;
}

/** Serialises the data file deterministically (key order fixed here, arrays pre-sorted). */
export function emitDataFile(data: AttackDataFile): string {
  const parts = [
    emitArray('$comment', data.$comment),
    ` "version": ${JSON.stringify(data.version)}`,
    ` "domain": ${JSON.stringify(data.domain)}`,
    ` "modified": ${JSON.stringify(data.modified)}`,
    emitArray('tactics', data.tactics),
    emitArray('techniques', data.techniques),
    emitArray('revoked', data.revoked),
    emitArray('groups', data.groups),
    emitArray('software', data.software),
  ];
  return `{\n${parts.join(',\n')}\n}\n`;
}
