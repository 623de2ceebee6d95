/**
 * Maximum length of `raw_data` in characters (64 Ki). Windows events are ~2-8 KiB; the
 * cap only bites on pathological records, and the full size is still reported.
 */
export const RAW_DATA_MAX_CHARS = 65_536;

/** `raw_data` attributes plus the truncation facts that belong in metadata. */
export interface RawData {
  raw_data: string;
  /** Size of the original text in bytes (UTF-8), before truncation. */
  raw_data_size: number;
  is_truncated: boolean;
}

/**
 * Serialises the original record for `raw_data`: text records are kept as is, anything
 * else is `JSON.stringify`-ed; the result is cut at `limit` characters. When it is cut,
 * callers set `metadata.is_truncated` and `metadata.untruncated_size` = `raw_data_size`.
 */
export function buildRawData(original: unknown, limit: number = RAW_DATA_MAX_CHARS): RawData {
  const text = typeof original === 'string' ? original : (JSON.stringify(original) ?? String(original));
  const size = Buffer.byteLength(text, 'utf8');
  const is_truncated = text.length > limit;
  return { raw_data: is_truncated ? text.slice(0, limit) : text, raw_data_size: size, is_truncated };
}
