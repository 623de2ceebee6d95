import { ManualClock } from '@soc/contracts';
import { describeEntityGraphContract } from '@soc/graph';
import { Database } from '../database';
import { createPostgresTestDatabase } from '../testing/postgres-test-database';
import { DrizzleEntityGraph } from './drizzle-entity-graph';

const adminUrl = process.env['SOC_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describeEntityGraphContract('state database (PostgreSQL)', async () => {
  const created = await createPostgresTestDatabase(adminUrl);
  const clock = new ManualClock(Date.UTC(2026, 2, 2));
  const db = await Database.open({ kind: 'postgres', url: created.url, poolSize: 4 }, { clock });
  await db.tenants.create({ id: 'acme', name: 'Acme' });
  await db.tenants.create({ id: 'globex', name: 'Globex' });
  return {
    graph: new DrizzleEntityGraph(db, clock),
    tenants: ['acme', 'globex'],
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
});
