import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '@soc/contracts';
import { describeEntityGraphContract } from '@soc/graph';
import { Database } from '../database';
import { DrizzleEntityGraph } from './drizzle-entity-graph';

describeEntityGraphContract('state database (PGlite)', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'soc-graph-pglite-'));
  const clock = new ManualClock(Date.UTC(2026, 2, 2));
  const db = await Database.open({ kind: 'pglite', dataDir }, { clock });
  await db.tenants.create({ id: 'acme', name: 'Acme' });
  await db.tenants.create({ id: 'globex', name: 'Globex' });
  return {
    graph: new DrizzleEntityGraph(db, clock),
    tenants: ['acme', 'globex'],
    close: async () => {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
