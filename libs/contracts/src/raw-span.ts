/**
 * Header of an `events.raw` message whose JSON record travels verbatim as the last field of its
 * payload (`…,"data":<record text>}}`): `<start>;<end>` of that text in the value. Normalize then
 * keeps the record's own text as `raw_data` instead of serializing the parsed record again.
 */
export const RAW_DATA_SPAN_HEADER = 'soc-raw-data';

const DATA_KEY = '"data":';

/** The header value for a record text placed at `start` in a value whose last 2 characters close payload and envelope. */
export function rawDataSpan(start: number, length: number): string {
  return `${start};${start + length}`;
}

/**
 * The record text a span header points at, or undefined when the header is absent or does not
 * fit the value's layout (the caller then serializes the parsed record as before).
 */
export function rawDataText(value: string, header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const cut = header.indexOf(';');
  const start = Number(header.slice(0, cut));
  const end = Number(header.slice(cut + 1));
  if (cut < 0 || !Number.isInteger(start) || !Number.isInteger(end) || start < DATA_KEY.length || end !== value.length - 2 || end <= start) return undefined;
  if (!value.startsWith(DATA_KEY, start - DATA_KEY.length) || !value.endsWith('}}')) return undefined;
  return value.slice(start, end);
}
