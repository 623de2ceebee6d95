/**
 * Loads Sigma rule files for a hunt: `.yml`/`.yaml` found under the given paths, each parsed
 * on its own so one bad document does not stop the others.
 */
import { readFileSync } from 'node:fs';
import type { SocError } from '@soc/errors';
import { parseSigmaYaml, type SigmaDocuments } from '@soc/sigma';
import { unreadablePath } from '../errors';
import { collectFiles, RULE_EXTENSIONS } from '../events/collect-files';

/** What the rule paths held. */
export interface LoadedRules {
  /** Parsed documents per file, with their parse errors taken out (they are in `errors`). */
  documents: SigmaDocuments[];
  /** Documents that did not parse, with the file, rule and reason in each error. */
  errors: SocError[];
  files: number;
}

/**
 * Reads and parses every rule file under `paths`.
 *
 * @throws HuntError kind `unreadable-path` when a path or a rule file cannot be read.
 */
export async function loadRules(paths: readonly string[]): Promise<LoadedRules> {
  const files = await collectFiles(paths, RULE_EXTENSIONS);
  const out: LoadedRules = { documents: [], errors: [], files: files.length };
  for (const file of files) {
    let text: string;
    try {
      // Rule files are small and many (3,000+ in SigmaHQ): one sync read each is several times
      // faster than a promise per file, and nothing else runs meanwhile.
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw unreadablePath(file, e);
    }
    const docs = parseSigmaYaml(text, file);
    out.errors.push(...docs.errors);
    out.documents.push({ ...docs, errors: [] });
  }
  return out;
}
