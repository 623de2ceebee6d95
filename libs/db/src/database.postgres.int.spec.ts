import { Database } from './database';
import { runDatabaseContract } from './testing/database-contract';
import { type PostgresTestDatabase, createPostgresTestDatabase } from './testing/postgres-test-database';

const adminUrl = process.env['SOC_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let created: Promise<PostgresTestDatabase> | undefined;
const testDb = () => (created ??= createPostgresTestDatabase(adminUrl));

runDatabaseContract({
  kind: 'postgres',
  open: async (opts) => Database.open({ kind: 'postgres', url: (await testDb()).url, poolSize: 4 }, opts),
  teardown: async () => {
    if (created) await (await created).drop();
  },
});
