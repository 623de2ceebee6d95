import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DuckDbEventStore } from './duckdb-event-store';

const repoRoot = resolve(__dirname, '../../..');

describe('DuckDbEventStore worker thread', () => {
  it('keeps the process alive while a request is in flight, and not once the store is idle', async () => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'testing/idle-child.ts')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    clearTimeout(killer);
    expect(code).toBe(0);
    expect(out).toBe('total 1\n');
  }, 30_000);

  it('rejects every call after close with SOC_ERR_EVENTSTORE_CLOSED', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.close();
    await store.close();
    await expect(store.append([])).rejects.toMatchObject({ code: 'SOC_ERR_EVENTSTORE_CLOSED' });
    await expect(store.search('t', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })).rejects.toMatchObject({ code: 'SOC_ERR_EVENTSTORE_CLOSED' });
  });
});
