import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Database } from '../database';
import { identityUpgradeSuite } from '../testing/identity-upgrade';

describe('upgrade to identity and access (pglite)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'soc-upgrade-'));
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  identityUpgradeSuite((opts) => Database.open({ kind: 'pglite', dataDir }, opts));
});
