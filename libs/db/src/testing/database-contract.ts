import { ManualClock } from '@soc/contracts';
import type { Database } from '../database';
import { alertsContract } from './contract-alerts';
import { apiKeysContract } from './contract-api-keys';
import { auditContract } from './contract-audit';
import { casesContract } from './contract-cases';
import { type ContractContext, type DatabaseHarness, expectCode } from './contract-context';
import { deadLettersContract } from './contract-dead-letters';
import { iamContract } from './contract-iam';
import { migrationsContract } from './contract-migrations';
import { rlsContract } from './contract-rls';
import { rulesContract } from './contract-rules';

/**
 * The one contract every state-database adapter must pass. One store per run, shared by the
 * sections (PGlite startup dominates the cost); sections use disjoint ids so order within a
 * section does not matter, and the migration section runs last because it closes the handle.
 */
export function runDatabaseContract(harness: DatabaseHarness): void {
  let db: Database | undefined;
  const ctx: ContractContext = {
    harness,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    db: () => {
      if (!db) throw new Error('database not open');
      return db;
    },
  };

  beforeAll(async () => {
    db = await harness.open({ clock: ctx.clock });
    await db.tenants.create({ id: 'acme', name: 'Acme Corp' });
    await db.tenants.create({ id: 'globex', name: 'Globex', parentTenantId: 'acme' });
    // A fresh PGlite store runs initdb in WebAssembly: seconds, more on a loaded CI machine.
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await harness.teardown();
  });

  describe(`state database contract (${harness.kind})`, () => {
    describe('tenants and system state', () => {
      it('creates, gets and lists tenants through the system functions', async () => {
        expect(await ctx.db().tenants.get('globex')).toEqual({
          id: 'globex',
          name: 'Globex',
          parentTenantId: 'acme',
          createdAt: new Date(Date.UTC(2026, 0, 1)),
        });
        expect(await ctx.db().tenants.get('nobody')).toBeNull();
        expect((await ctx.db().tenants.list()).map((t) => t.id)).toEqual(['acme', 'globex']);
      });

      it('refuses duplicate, malformed and orphaned tenants', async () => {
        await expectCode(ctx.db().tenants.create({ id: 'acme', name: 'again' }), 'SOC_ERR_DB_CONFLICT');
        await expectCode(ctx.db().tenants.create({ id: 'bad id', name: 'x' }), 'SOC_ERR_VALIDATION');
        await expectCode(ctx.db().tenants.create({ id: 'orphan', name: 'x', parentTenantId: 'missing' }), 'SOC_ERR_VALIDATION');
      });

      it('stores system state as JSON, values of any JSON type', async () => {
        expect(await ctx.db().system.getState('bootstrap')).toBeNull();
        await ctx.db().system.setState('bootstrap', '1');
        ctx.clock.advance(1);
        const set = await ctx.db().system.setState('bootstrap', { done: true, at: 'x' });
        expect(await ctx.db().system.getState('bootstrap')).toEqual(set);
        expect(set).toEqual({ value: { done: true, at: 'x' }, updatedAt: new Date(ctx.clock.now()) });
      });

      it('saves state holding characters jsonb refuses (NUL, lone surrogates) with U+FFFD in their place', async () => {
        const set = await ctx.db().system.setState('hostile', { 'k\u0000ey': ['a\u0000b', 'c\ud800d'], sep: 'x\u001fy' });
        expect(set.value).toEqual({ 'k\ufffdey': ['a\ufffdb', 'c\ufffdd'], sep: 'x\u001fy' });
      });
    });
    describe('row-level security', () => rlsContract(ctx));
    describe('api keys', () => apiKeysContract(ctx));
    describe('dead letters', () => deadLettersContract(ctx));
    describe('detection rules', () => rulesContract(ctx));
    describe('alerts', () => alertsContract(ctx));
    describe('audit chain', () => auditContract(ctx));
    describe('cases', () => casesContract(ctx));
    describe('identity and access', () => iamContract(ctx));
    describe('migrations', () => migrationsContract(ctx));
  });
}
