import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database } from './database';
import { runDatabaseContract } from './testing/database-contract';

const dataDir = mkdtempSync(path.join(tmpdir(), 'soc-pglite-'));

runDatabaseContract({
  kind: 'pglite',
  open: (opts) => Database.open({ kind: 'pglite', dataDir }, opts),
  teardown: () => rm(dataDir, { recursive: true, force: true }),
});
