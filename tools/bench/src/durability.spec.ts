import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '@soc/testing';
import { generateBootstrapKey, startStackProcess, type StackProcess } from './stack-process';

/**
 * Issue 2, item 7: SIGKILL the whole stack process while a load generator is ingesting, restart
 * it on the same data directory, and prove every acknowledged event is searchable exactly once.
 */
const PER_BATCH = 50;
const WORKERS = 4;
const KILL_AFTER_ACKED_BATCHES = 60;

const tag = (n: number): string => `btag${n}z`;

function batchBody(n: number, at: Date): string {
  return Array.from({ length: PER_BATCH }, (_, i) => `<86>1 ${at.toISOString()} host${n % 7} sshd ${1000 + i} - - durability ${tag(n)} record=${i}`).join('\n');
}

async function post(stack: StackProcess, n: number, at: Date): Promise<boolean> {
  const res = await fetch(`${stack.url}/v1/ingest/syslog`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'text/plain' },
    body: batchBody(n, at),
  });
  const body = (await res.json()) as { accepted?: number };
  return res.status === 202 && body.accepted === PER_BATCH;
}

async function api<T>(stack: StackProcess, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('durability under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'durability-'));
  const apiKey = generateBootstrapKey();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event exactly once across a kill -9 during load', async () => {
    const port = await closedPort();
    const at = new Date();
    const range = { from: new Date(at.getTime() - 3_600_000).toISOString(), to: new Date(at.getTime() + 3_600_000).toISOString() };
    const first = await startStackProcess({ dataDir: dir, apiKey, port });

    const acked = new Set<number>();
    const attempted = new Set<number>();
    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed) {
        const n = next++;
        attempted.add(n);
        try {
          if (await post(first, n, at)) acked.add(n);
        } catch {
          // Connection reset by the kill: this batch was never acknowledged.
        }
        if (acked.size >= KILL_AFTER_ACKED_BATCHES && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    // Other workers had requests in flight when the kill landed: the test is only meaningful then.
    expect(attempted.size).toBeGreaterThan(acked.size);

    const second = await startStackProcess({ dataDir: dir, apiKey, port });
    try {
      // Wait until the restarted pipeline has drained its backlog (the total stops moving).
      let total = -1;
      for (let stable = 0; stable < 10; ) {
        await new Promise((r) => setTimeout(r, 200));
        const now = (await api<{ total: number }>(second, '/v1/events/aggregate', range)).total;
        stable = now === total && now >= acked.size * PER_BATCH ? stable + 1 : 0;
        total = now;
      }

      let found = 0;
      for (const n of attempted) {
        const r = await api<{ events: { id: string }[] }>(second, '/v1/events/search', { ...range, text: tag(n), limit: 1000 });
        const ids = new Set(r.events.map((e) => e.id));
        expect(ids.size).toBe(r.events.length); // no duplicate ids
        if (acked.has(n)) expect(r.events.length).toBe(PER_BATCH); // acknowledged: all there, once
        else expect(r.events.length).toBeLessThanOrEqual(PER_BATCH); // in flight at the kill: at most once
        found += r.events.length;
      }
      expect(total).toBe(found); // nothing else, and nothing twice, in the lake
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 180_000);
});
