import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleFile } from '@soc/api';
import { NATIVE_RULES_DIR, listRuleFiles } from '@soc/detection-content';
import type { RuleImportResult, RuleRepository } from '@soc/db';

/** Outcome of seeding: how many documents were created, updated or already current. */
export interface SeedReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RuleImportResult[];
}

/**
 * Imports the native starter rules (libs/detection-content) into a tenant's rule store, at every
 * start: new rules are created enabled, rules changed by an upgrade get a new version, and
 * unchanged ones are a no-op. A rule an analyst disabled stays disabled. Through the store, so
 * every seeded rule is visible, versioned and audited like any imported one.
 */
export async function seedNativeRules(rules: RuleRepository, tenantId: string): Promise<SeedReport> {
  const documents = listRuleFiles().flatMap((file) => {
    const parsed = parseRuleFile({ path: `native/${file}`, content: readFileSync(join(NATIVE_RULES_DIR, file), 'utf8') });
    // Shipped content must be clean: a document the parser refuses is a packaging bug.
    if (parsed.errors.length > 0) throw new Error(`native rule file ${file} does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
    return parsed.documents;
  });
  const results = await rules.importRules(tenantId, { origin: 'native', actor: 'system:seed', reason: 'native starter rules shipped with this release', enableNew: true, documents });
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected: results.filter((r) => r.outcome === 'rejected') };
}
