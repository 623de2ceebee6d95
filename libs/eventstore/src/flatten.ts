import { ipToHex } from './ip';

/** Suffix of the derived key holding the hex form of IP-valued leaves (never a valid path char). */
export const IP_KEY_SUFFIX = '#ip';
/** Nesting below this depth is not indexed for filters (it stays in the stored event). */
const MAX_FLATTEN_DEPTH = 16;

/** What an adapter stores beside the event so every adapter answers filters identically. */
export interface FlatEvent {
  /** Dotted path (array indices dropped) -> every scalar leaf value there, as text. */
  fields: Record<string, string[]>;
  /** Lowercased scalar values, newline-separated: the free-text search haystack. */
  text: string;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/**
 * Flattens an OCSF event into path -> values. Arrays are transparent (`observables[1].value`
 * lands under `observables.value`), which is what gives "any element matches" semantics.
 */
export function flattenEvent(event: Record<string, unknown>): FlatEvent {
  const fields: Record<string, string[]> = {};
  const texts: string[] = [];
  const add = (key: string, value: string): void => {
    const list = fields[key];
    if (list) list.push(value);
    else fields[key] = [value];
  };
  const walk = (node: unknown, path: string, depth: number): void => {
    if (node === null || node === undefined || depth > MAX_FLATTEN_DEPTH) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, path, depth + 1);
      return;
    }
    if (typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, path === '' ? k : `${path}.${k}`, depth + 1);
      return;
    }
    const text = scalarText(node);
    if (text === undefined || path === '') return;
    add(path, text);
    texts.push(text.toLowerCase());
    if (typeof node === 'string' && text.length <= 64 && (text.includes(':') || text.includes('.'))) {
      const ipHex = ipToHex(text);
      if (ipHex) add(path + IP_KEY_SUFFIX, ipHex);
    }
  };
  walk(event, '', 0);
  return { fields, text: texts.join('\n') };
}
