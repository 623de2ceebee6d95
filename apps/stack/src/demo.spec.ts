import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@soc/contracts';
import { createLogger } from '@soc/logging';
import { type Stack, buildStack } from './app';
import { bootstrap } from './bootstrap';
import { loadStackConfig } from './config';
import { startDemo } from './demo';

const KEY = 'soc_demotest_' + 'D'.repeat(43);

describe('demo mode', () => {
  let dir: string;
  let stack: Stack;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-'));
    stack = await buildStack(loadStackConfig({ SOC_DATA_DIR: dir, SOC_NORMALIZE_WORKERS: '0' }, ['--demo']), createLogger({ level: 'silent', name: 't' }), systemClock);
    await bootstrap(stack.adapters.db, KEY, systemClock);
    await stack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays generated company telemetry through the pipeline, on the wall clock, from many sources', async () => {
    const ingest = stack.ingest;
    if (!ingest || !stack.http) throw new Error('stack lacks ingest');
    const demo = startDemo(ingest, 'default', 3600, systemClock, createLogger({ level: 'silent', name: 'demo' }));
    const now = Date.now();
    const range = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() };
    let sources: string[] = [];
    try {
      for (let i = 0; i < 150 && sources.length < 4; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await stack.http.inject({ method: 'POST', url: '/v1/events/aggregate', headers: { authorization: `Bearer ${KEY}` }, payload: { ...range, groupBy: { field: 'metadata.product.name', limit: 20 } } });
        sources = (res.json<{ buckets?: { key: string }[] }>().buckets ?? []).map((b) => b.key);
      }
    } finally {
      await demo.stop();
    }
    expect(sources.length).toBeGreaterThanOrEqual(4);
  }, 30_000);
});
