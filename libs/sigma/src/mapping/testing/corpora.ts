import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Test-only access to the third-party corpora (read in place, never copied). The corpora sit
 * next to the repository checkout: `<checkout>/../shared/corpora`.
 */
export const CORPORA = path.resolve(__dirname, '../../../../../../shared/corpora');

/** Parsed lines of an NDJSON file under the corpora. */
export function readNdjson(relative: string): Record<string, unknown>[] {
  return readFileSync(path.join(CORPORA, relative), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * Every JSON value in a text holding one value, an array, or several values concatenated
 * (some SigmaHQ regression files are `{...}\n{...}` without an enclosing array).
 */
export function parseConcatenatedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** The first event of a file that satisfies `pick`; throws when none does (the test is wrong). */
export function firstEvent(relative: string, pick: (e: Record<string, unknown>) => boolean): Record<string, unknown> {
  const found = readNdjson(relative).find(pick);
  if (!found) throw new Error(`no matching event in ${relative}`);
  return found;
}
