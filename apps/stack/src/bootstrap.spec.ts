import { ManualClock } from '@soc/contracts';
import { Database, createPostgresTestDatabase, type PostgresTestDatabase } from '@soc/db';
import { bootstrap } from './bootstrap';

const ADMIN_URL = process.env['SOC_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KEY = 'soc_bootrace_' + 'B'.repeat(43);

/** Several pods of a scaled deployment start at once against one real PostgreSQL. */
describe('bootstrap on PostgreSQL', () => {
  let pg: PostgresTestDatabase;
  const dbs: Database[] = [];

  beforeAll(async () => {
    pg = await createPostgresTestDatabase(ADMIN_URL);
  });

  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.close()));
    await pg?.drop();
  });

  it('lets concurrent first starts all succeed with one tenant and one key', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 1));
    for (let i = 0; i < 3; i++) dbs.push(await Database.open({ kind: 'postgres', url: pg.url }, { clock }));
    const results = await Promise.all(dbs.map((db) => bootstrap(db, KEY, clock)));
    expect(results.map((r) => r.tenantId)).toEqual(['default', 'default', 'default']);
    expect(results.every((r) => r.createdKey === undefined)).toBe(true);
    const keys = await dbs[0]?.apiKeys.list('default');
    expect(keys?.map((k) => k.prefix)).toEqual(['bootrace']);
    expect(await dbs[1]?.apiKeys.authenticate(KEY)).toMatchObject({ tenantId: 'default', scopes: ['admin'], roles: ['owner'], userId: null });
  });

  it('generates a key only on the first start without SOC_BOOTSTRAP_API_KEY', async () => {
    const db = dbs[0] as Database;
    const clock = new ManualClock(Date.UTC(2026, 10, 2));
    // The marker from the first test exists already: no second key is created.
    expect((await bootstrap(db, undefined, clock)).createdKey).toBeUndefined();
  });
});
