import type { RuleDocument, RuleOrigin, RuleRepository } from '@soc/db';
import { ErrorCodes } from '@soc/errors';
import { type ParsedRuleFile, type RuleFile, parseRuleFile } from './rule-files';
import type { ImportResponse } from './rule-schemas';
import type { ZipEntry } from './zip-reader';

/** Who imports, from where, and whether new rules start enabled. */
export interface ImportSettings {
  readonly origin: RuleOrigin;
  readonly enableNew: boolean;
  readonly actor: string;
  readonly reason: string | null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Archive entries to files; an entry that is not UTF-8 becomes a file with only an error. */
export function zipEntriesToFiles(entries: readonly ZipEntry[]): (RuleFile | ParsedRuleFile)[] {
  return entries.map((e) => {
    try {
      // TextDecoder drops a leading BOM, which Sigma files written on Windows sometimes carry.
      return { path: e.path, content: UTF8.decode(e.data) };
    } catch {
      return {
        path: e.path,
        documents: [],
        errors: [{ code: ErrorCodes.BAD_ENCODING, rule: e.path, path: '', reason: 'bad-encoding', message: 'the file is not valid UTF-8' }],
      };
    }
  });
}

/**
 * Parse every file, store every valid document in one repository call (one transaction), and
 * report per file: each document's outcome and each document that did not parse.
 */
export async function importRuleFiles(
  rules: RuleRepository,
  tenantId: string,
  input: readonly (RuleFile | ParsedRuleFile)[],
  settings: ImportSettings,
): Promise<ImportResponse> {
  const parsed = input.map((f) => ('content' in f ? parseRuleFile(f) : f));
  const documents: RuleDocument[] = parsed.flatMap((p) => p.documents);
  const results = await rules.importRules(tenantId, {
    origin: settings.origin,
    actor: settings.actor,
    reason: settings.reason,
    enableNew: settings.enableNew,
    documents,
  });
  const summary = { files: parsed.length, documents: documents.length, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: 0 };
  let next = 0;
  const files = parsed.map((p) => {
    const docs = p.documents.map((d) => {
      const r = results[next++];
      if (!r) throw new Error('import returned fewer results than documents');
      summary[r.outcome]++;
      return {
        ruleId: r.ruleId,
        title: r.title,
        kind: d.kind,
        outcome: r.outcome,
        ...(r.version !== undefined ? { version: r.version } : {}),
        ...(r.error ? { error: r.error } : {}),
      };
    });
    summary.errors += p.errors.length;
    return { path: p.path, documents: docs, errors: p.errors };
  });
  return { summary, files };
}
