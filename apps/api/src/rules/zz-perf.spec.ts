import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database, DrizzleRuleRepository } from '@soc/db';
import { parseRuleFile } from './rule-files';
const dir = '/work/shared/corpora/sigma/sigmahq/rules';
function yamlFiles(d: string): string[] { return readdirSync(d).flatMap((n) => { const p = path.join(d, n); return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : []; }); }
it('perf', async () => {
  const files = yamlFiles(dir).map((p) => ({ path: p, content: readFileSync(p, 'utf8') }));
  const docs = files.flatMap((f) => parseRuleFile(f).documents);
  const pg = process.env['PGURL']; const db = pg ? await Database.open({ kind: 'postgres', url: pg }) : await Database.open({ kind: 'pglite', dataDir: mkdtempSync(path.join(tmpdir(), 'perf-')) });
  await db.tenants.create({ id: 't1', name: 't' });
  const repo = new DrizzleRuleRepository(db);
  let t = Date.now();
  await repo.importRules('t1', { origin: 'sigmahq', actor: 'a', enableNew: true, documents: docs });
  console.log('import', Date.now() - t, docs.length);
  t = Date.now();
  await repo.importRules('t1', { origin: 'sigmahq', actor: 'a', enableNew: true, documents: docs });
  console.log('reimport', Date.now() - t);
  t = Date.now();
  const set = await repo.enabledRuleSet('t1');
  console.log('ruleset', Date.now() - t, set.rules.length);
  t = Date.now();
  await repo.ruleSetVersion('t1');
  console.log('stamp', Date.now() - t);
  await db.close();
}, 120000);
