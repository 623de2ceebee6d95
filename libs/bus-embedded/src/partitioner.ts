/**
 * Partition for a key: FNV-1a over the key's UTF-16 code units, modulo the partition count.
 * Stable across processes and versions, so a key's records stay in one partition (and in
 * order) for the life of the log.
 */
export function partitionFor(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}
