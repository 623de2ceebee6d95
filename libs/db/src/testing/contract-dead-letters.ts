import type { NewDeadLetter } from '../repositories/dead-letter-repository';
import { type ContractContext, expectCode } from './contract-context';

/** Dead letter idempotency, filters and paging. Tenants `acme` and `globex` exist. */
export function deadLettersContract(ctx: ContractContext): void {
  const T = 'globex';
  const base = Date.UTC(2026, 2, 1);
  const make = (i: number, over: Partial<NewDeadLetter> = {}): NewDeadLetter => ({
    id: `page-${String(i).padStart(3, '0')}`,
    stage: i % 2 === 0 ? 'ingest' : 'normalize',
    topic: 'events.raw',
    source: i % 3 === 0 ? 'okta' : 'cloudtrail',
    code: i % 4 === 0 ? 'SOC_ERR_RECORD_TOO_LARGE' : 'SOC_ERR_RECORD_UNPARSEABLE',
    reason: `reason ${i}`,
    original: { i },
    originalTruncated: false,
    // Pairs share a timestamp so paging must break ties on id.
    createdAt: new Date(base + Math.floor(i / 2) * 1000),
    ...over,
  });

  it('insertMany is idempotent on id', async () => {
    const before = new Date(base - 10_000);
    const batch = [0, 1, 2].map((i) => make(i, { id: `idem-${i}`, createdAt: before }));
    expect(await ctx.db().deadLetters.insertMany(T, batch)).toEqual({ inserted: 3 });
    expect(await ctx.db().deadLetters.insertMany(T, [...batch, make(3, { id: 'idem-3', createdAt: before }), make(3, { id: 'idem-3', createdAt: before })])).toEqual({ inserted: 1 });
    expect(await ctx.db().deadLetters.insertMany(T, [])).toEqual({ inserted: 0 });
  });

  it('pages newest first with a keyset cursor, no gaps or repeats', async () => {
    await ctx.db().deadLetters.insertMany(T, Array.from({ length: 25 }, (_, i) => make(i)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ctx.db().deadLetters.list(T, { limit: 10, from: new Date(base), ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => make(24 - i).id));
  });

  it('filters by stage, source, code and time range, and counts by code', async () => {
    const list = (o: object) => ctx.db().deadLetters.list(T, { from: new Date(base), limit: 1000, ...o });
    expect((await list({ stage: 'ingest' })).items).toHaveLength(13);
    expect((await list({ source: 'okta' })).items).toHaveLength(9);
    expect((await list({ code: 'SOC_ERR_RECORD_TOO_LARGE' })).items).toHaveLength(7);
    const ranged = await list({ from: new Date(base + 2000), to: new Date(base + 4000) });
    expect(ranged.items.map((d) => d.id)).toEqual(['page-007', 'page-006', 'page-005', 'page-004']);
    expect(await ctx.db().deadLetters.countByCode(T, { from: new Date(base) })).toEqual([
      { code: 'SOC_ERR_RECORD_UNPARSEABLE', count: 18 },
      { code: 'SOC_ERR_RECORD_TOO_LARGE', count: 7 },
    ]);
    expect(await ctx.db().deadLetters.countByCode(T, { from: new Date(base), source: 'okta', stage: 'ingest' })).toEqual([
      { code: 'SOC_ERR_RECORD_TOO_LARGE', count: 3 },
      { code: 'SOC_ERR_RECORD_UNPARSEABLE', count: 2 },
    ]);
  });

  it('stores any original faithfully, replacing what jsonb cannot hold', async () => {
    const originals: [string, unknown][] = [
      ['orig-num-string', '123'],
      ['orig-text', 'type=SYSCALL msg=audit(1.2:3)'],
      ['orig-null', null],
      ['orig-object', { a: [1, 'two', { three: true }] }],
    ];
    await ctx.db().deadLetters.insertMany('acme', originals.map(([id, original], i) => make(100 + i, { id, original })));
    await ctx.db().deadLetters.insertMany('acme', [make(200, { id: 'orig-nul', original: { bad: 'a\u0000b\ud800' } })]);
    const all = (await ctx.db().deadLetters.list('acme', { limit: 1000 })).items;
    for (const [id, original] of originals) {
      expect(all.find((d) => d.id === id)).toMatchObject({ original, originalTruncated: false, tenantId: 'acme' });
    }
    expect(all.find((d) => d.id === 'orig-nul')).toMatchObject({ original: { bad: 'a\uFFFDb\uFFFD' }, originalTruncated: true });
  });

  it('stores a reason that quotes NUL or a lone surrogate (text columns refuse them as jsonb does)', async () => {
    await ctx.db().deadLetters.insertMany('acme', [make(300, { id: 'reason-nul', reason: 'invalid JSON: Unexpected token \u0000 in "\ud800"', source: 'ok\u0000ta' })]);
    const row = (await ctx.db().deadLetters.list('acme', { limit: 1000 })).items.find((d) => d.id === 'reason-nul');
    expect(row).toMatchObject({ reason: 'invalid JSON: Unexpected token \uFFFD in "\uFFFD"', source: 'ok\uFFFDta' });
  });

  it('rejects a forged cursor and an out-of-range limit', async () => {
    await expectCode(ctx.db().deadLetters.list(T, { cursor: 'bm90LWEtY3Vyc29y' }), 'SOC_ERR_CURSOR_INVALID');
    await expectCode(ctx.db().deadLetters.list(T, { cursor: '%%%' }), 'SOC_ERR_CURSOR_INVALID');
    await expectCode(ctx.db().deadLetters.list(T, { limit: 0 }), 'SOC_ERR_VALIDATION');
    await expectCode(ctx.db().deadLetters.list(T, { limit: 1001 }), 'SOC_ERR_VALIDATION');
  });
}
