import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IngestClient } from './ingest-client';
import { replayFiles, sourceFromFileName } from './replay';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server standing in for ingest: answers 429 to the first request, then 202. */
async function fakeIngest(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      if (seen.length === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":{"code":"SOC_ERR_OVERLOADED","message":"behind"}}');
        return;
      }
      const lines = body.split('\n').filter(Boolean);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ batchId: 'b', accepted: lines.length, rejected: 0, errors: [], errorsTruncated: false }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

describe('replay', () => {
  it('infers sources from file names', () => {
    expect(sourceFromFileName('/x/aws-cloudtrail.ndjson')).toBe('aws-cloudtrail');
    expect(sourceFromFileName('auditd.log.gz')).toBe('auditd');
    expect(sourceFromFileName('windows-sysmon.json')).toBe('windows');
    expect(sourceFromFileName('random.ndjson')).toBeUndefined();
  });

  it('batches lines, keeps auditd serials together, retries 429 with the same idempotency key', async () => {
    const srv = await fakeIngest();
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const audit = [
      'type=SYSCALL msg=audit(1700000000.1:7): syscall=59',
      'type=EXECVE msg=audit(1700000000.1:7): argc=1 a0="ls"',
      'type=EOE msg=audit(1700000000.1:7):',
      'type=USER_LOGIN msg=audit(1700000001.1:8): pid=1',
    ];
    writeFileSync(join(dir, 'auditd.log.gz'), gzipSync(audit.join('\n')));
    const sleeps: number[] = [];
    const client = new IngestClient({ baseUrl: srv.url, apiKey: 'soc_abcdefgh_x', sleep: async (ms) => void sleeps.push(ms) });
    try {
      const stats = await replayFiles({ client, files: [join(dir, 'auditd.log.gz')], batchLines: 1, concurrency: 1 });
      expect(stats.accepted).toBe(4);
      expect(sleeps).toEqual([1000]);
      const bodies = srv.seen.map((s) => s.body);
      // Retried batch is byte-identical and carries the same idempotency key.
      expect(bodies[0]).toBe(bodies[1]);
      expect(srv.seen[0]?.headers['idempotency-key']).toBe(srv.seen[1]?.headers['idempotency-key']);
      // Serial 7's three lines travel together; serial 8 in its own batch.
      expect(bodies.slice(1)).toEqual([audit.slice(0, 3).join('\n'), audit[3]]);
      expect(srv.seen[1]?.headers['content-type']).toBe('text/plain');
      expect(srv.seen[1]?.headers.authorization).toBe('Bearer soc_abcdefgh_x');
      expect(srv.seen[1]?.url).toBe('/v1/ingest/auditd');
    } finally {
      await srv.close();
    }
  });
});
