import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmbeddedBus } from './embedded-bus';
import { readAll } from './test-fixtures/read-all';

const REPO = path.resolve(__dirname, '../../..');

/** Runs the publisher child until it has acknowledged `minAcks` batches, then SIGKILLs it. */
function publishUntilKilled(dir: string, minAcks: number): Promise<Array<[number, number]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'test-fixtures/crash-publisher.ts'), dir], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Array<[number, number]> = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [, a, b] = line.split(' ');
        acks.push([Number(a), Number(b)]);
      }
      if (acks.length >= minAcks) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`publisher exited (${code}) before being killed: ${stderr}`));
    });
  });
}

describe('EmbeddedBus crash durability', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), 'soc-bus-crash-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps every acknowledged message exactly once after SIGKILL mid-publish', async () => {
    const acks = await publishUntilKilled(dir, 120);
    const bus = await EmbeddedBus.open({ dir, partitions: 3, segmentBytes: 256 * 1024 });
    const seen = new Map<number, number>();
    for (const d of await readAll(bus, 'crash')) {
      const seq = (d.value as { payload: { seq: number } }).payload.seq;
      seen.set(seq, (seen.get(seq) ?? 0) + 1);
    }
    let acknowledged = 0;
    for (const [first, last] of acks) {
      for (let s = first; s <= last; s++) {
        acknowledged++;
        expect(seen.get(s)).toBe(1);
      }
    }
    expect(acknowledged).toBeGreaterThanOrEqual(120 * 50);
    // Nothing is duplicated, acknowledged or not.
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // The log stays writable at the right offsets after recovery.
    await bus.publish('crash', [{ key: 'k0', value: { id: 'after', tenantId: 't', type: 'test', schemaVersion: 1, occurredAt: '', ingestedAt: '', traceId: 'x', payload: { seq: -1 } } }]);
    const again = await readAll(bus, 'crash', 'second');
    expect(again.length).toBe(seen.size + 1);
    await bus.close();
  }, 30_000);
});
