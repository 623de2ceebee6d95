import { Database } from '../database';
import { identityUpgradeSuite } from '../testing/identity-upgrade';
import { type PostgresTestDatabase, createPostgresTestDatabase } from '../testing/postgres-test-database';

const adminUrl = process.env['SOC_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('upgrade to identity and access (postgres)', () => {
  let target: PostgresTestDatabase | undefined;
  afterAll(async () => target?.drop());
  identityUpgradeSuite(async (opts) => {
    target ??= await createPostgresTestDatabase(adminUrl);
    return Database.open({ kind: 'postgres', url: target.url, poolSize: 2 }, opts);
  });
});
