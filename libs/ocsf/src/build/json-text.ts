/**
 * The value, JSON-parsed when it is a string holding a JSON object or array. Log Analytics
 * rows and SIEM exports carry nested objects as JSON text (`InitiatedBy`, `Folders`...);
 * text that is not valid JSON is returned unchanged rather than rejected.
 */
export function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return value;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return value;
  }
}
