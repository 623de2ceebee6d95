import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Delivery } from '@soc/bus';
import { EmbeddedBus } from '@soc/bus-embedded';
import { ManualClock, Topics, dlqTopic } from '@soc/contracts';
import { type Authenticator, type Credential, createHttpServer, principalFor } from '@soc/http';
import { createLogger } from '@soc/logging';
import { MetricsRegistry } from '@soc/metrics';
import { Admission } from '../admission';
import { IngestService } from '../ingest-service';
import { ingestRoutes } from './routes';

// Keys as migration 0008 maps pre-role keys: admin scope -> owner, any other scope -> admin.
const KEYS: Record<string, Omit<Credential, 'keyId'>> = {
  'ingest-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['ingest'] },
  'reader-a': { tenantId: 'tenant-a', roles: ['admin'], scopes: ['read'] },
};
const auth: Authenticator = { authenticate: async (t) => (KEYS[t] ? principalFor({ ...KEYS[t], keyId: t }) : undefined) };

async function drain(bus: EmbeddedBus, topic: string, expected: number): Promise<Delivery[]> {
  const got: Delivery[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const sub = await bus.subscribe({ topic, group: `t-${Math.random()}`, handler: async (b) => void (got.push(...b), got.length >= expected && done()) });
  await Promise.race([finished, new Promise((r) => setTimeout(r, 3000))]);
  await sub.stop();
  return got;
}

describe('POST /v1/ingest/{source}', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let app: FastifyInstance;
  let admission: Admission;
  let lag = 0;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ingest-'));
    bus = await EmbeddedBus.open({ dir, partitions: 2 });
    const clock = new ManualClock(Date.UTC(2026, 10, 1));
    const metrics = new MetricsRegistry();
    const service = new IngestService(bus, { maxRecordBytes: 4096, maxRecords: 1000 }, clock, metrics);
    admission = new Admission({ maxInFlight: 4, maxLag: 100, lagTtlMs: 0, retryAfterSeconds: 3, maxWaitMs: 0 }, async () => lag, clock);
    app = await createHttpServer({ logger: createLogger({ level: 'silent', name: 't' }), bodyLimit: 1024, title: 't', version: '0', docs: false });
    await app.register(ingestRoutes, { service, admission, auth, maxBodyBytes: 64 * 1024, maxDecodedBytes: 128 * 1024 });
    lag = 0;
  });

  afterEach(async () => {
    await app.close();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (source: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/v1/ingest/${source}`, payload: body, headers: { authorization: 'Bearer ingest-a', 'content-type': 'application/x-ndjson', ...headers } });

  it('accepts NDJSON, reports each bad line, and puts both records and rejects on the bus', async () => {
    const body = ['{"eventType":"user.session.start","uuid":"1"}', '{not json', '', '42', '{"eventType":"user.session.end","uuid":"2"}'].join('\n');
    const res = await post('okta', body);
    expect(res.statusCode).toBe(202);
    const json = res.json<{ accepted: number; rejected: number; errors: { line: number; code: string }[] }>();
    expect(json.accepted).toBe(2);
    expect(json.rejected).toBe(2);
    expect(json.errors.map((e) => e.line)).toEqual([2, 4]);
    const raw = await drain(bus, Topics.rawEvents, 2);
    expect(raw.map((d) => (d.value as { tenantId: string; payload: { data: { uuid: string } } }).payload.data.uuid).sort()).toEqual(['1', '2']);
    expect(raw.every((d) => (d.value as { tenantId: string }).tenantId === 'tenant-a')).toBe(true);
    const dead = await drain(bus, dlqTopic(Topics.rawEvents), 2);
    expect(dead.map((d) => (d.value as { payload: { code: string } }).payload.code).sort()).toEqual(json.errors.map((e) => e.code).sort());
    // The dead letter keeps the rejected record itself, not a summary of it.
    const kept = dead.map((d) => (d.value as { payload: { original: string; originalTruncated: boolean } }).payload).map((p) => [p.original, p.originalTruncated]);
    expect(kept.sort()).toEqual([
      ['42', false],
      ['{not json', false],
    ]);
  });

  it('accepts a gzip JSON array and a CloudTrail Records file', async () => {
    const records = { Records: [{ eventName: 'ListBuckets', eventTime: '2026-11-01T00:00:00Z' }, { eventName: 'GetObject', eventTime: '2026-11-01T00:00:01Z' }] };
    const res = await post('aws-cloudtrail', gzipSync(JSON.stringify(records)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 0 });
  });

  it('takes text/plain for auditd and joins one serial into one record', async () => {
    const lines = ['type=SYSCALL msg=audit(1700000000.100:42): syscall=59 success=yes', 'type=EXECVE msg=audit(1700000000.100:42): argc=2 a0="ls" a1="-l"', 'type=EOE msg=audit(1700000000.100:42):'];
    const res = await post('auditd', lines.join('\n'), { 'content-type': 'text/plain' });
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('refuses text/plain for JSON sources, unknown sources, and bad gzip with codes', async () => {
    expect((await post('windows', '{}', { 'content-type': 'text/plain' })).json()).toMatchObject({ error: { code: 'SOC_ERR_UNSUPPORTED_MEDIA_TYPE' } });
    expect((await post('nosuch', '{}')).statusCode).toBe(400);
    const bad = await post('okta', Buffer.from('not gzip'), { 'content-encoding': 'gzip' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'SOC_ERR_VALIDATION' } });
  });

  it('authenticates with the ingest scope and never trusts a tenant in the body', async () => {
    expect((await post('okta', '{}', { authorization: '' })).statusCode).toBe(401);
    expect((await post('okta', '{}', { authorization: 'Bearer wrong' })).json()).toMatchObject({ error: { code: 'SOC_ERR_UNAUTHENTICATED' } });
    expect((await post('okta', '{}', { authorization: 'Bearer reader-a' })).json()).toMatchObject({ error: { code: 'SOC_ERR_FORBIDDEN' } });
    await post('okta', '{"tenantId":"tenant-b","eventType":"x"}');
    const raw = await drain(bus, Topics.rawEvents, 1);
    expect((raw[0]?.value as { tenantId: string }).tenantId).toBe('tenant-a');
  });

  it('enforces wire and decoded size limits (gzip bomb)', async () => {
    expect((await post('okta', 'x'.repeat(70 * 1024))).statusCode).toBe(413);
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await post('okta', bomb, { 'content-encoding': 'gzip' });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'SOC_ERR_PAYLOAD_TOO_LARGE' } });
  });

  it('releases its admission slot after every outcome, so slots never leak', async () => {
    for (let i = 0; i < 6; i++) {
      await post('okta', '{"eventType":"x"}');
      await post('okta', 'x'.repeat(70 * 1024));
      await post('okta', Buffer.from('not gzip'), { 'content-encoding': 'gzip' });
    }
    lag = 101;
    await post('okta', '{"eventType":"x"}');
    lag = 0;
    expect(admission.current.inFlight).toBe(0);
    expect((await post('okta', '{"eventType":"y"}')).statusCode).toBe(202);
  });

  it('answers 429 with Retry-After when the pipeline is behind', async () => {
    lag = 101;
    const res = await post('okta', '{"eventType":"x"}');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(res.json()).toMatchObject({ error: { code: 'SOC_ERR_OVERLOADED' } });
  });

  describe('with waiting admission', () => {
    /** An ingest server on the shared bus whose admission waits up to 5 s; closed after the test. */
    const servers: FastifyInstance[] = [];
    async function serverWith(readLag: () => Promise<number>): Promise<{ server: FastifyInstance; admission: Admission }> {
      const admission = new Admission({ maxInFlight: 4, maxLag: 100, lagTtlMs: 0, retryAfterSeconds: 3, maxWaitMs: 5_000, pollMs: 2 }, readLag, new ManualClock());
      const server = await createHttpServer({ logger: createLogger({ level: 'silent', name: 't' }), bodyLimit: 1024, title: 't', version: '0', docs: false });
      await server.register(ingestRoutes, { service: new IngestService(bus, { maxRecordBytes: 4096, maxRecords: 1000 }, new ManualClock(), new MetricsRegistry()), admission, auth, maxBodyBytes: 64 * 1024, maxDecodedBytes: 128 * 1024 });
      servers.push(server);
      return { server, admission };
    }
    afterEach(async () => {
      for (const server of servers.splice(0)) {
        // An aborted fetch's keep-alive pool would otherwise hold close() for its idle timeout.
        server.server.closeAllConnections();
        await server.close();
      }
    });

    /** A real request over a socket that the test can hang up. */
    async function realPost(server: FastifyInstance): Promise<{ hangUp: () => Promise<void> }> {
      const url = await server.listen({ port: 0, host: '127.0.0.1' });
      const client = new AbortController();
      const res = fetch(`${url}/v1/ingest/okta`, { method: 'POST', body: '{"eventType":"x"}', headers: { authorization: 'Bearer ingest-a', 'content-type': 'application/x-ndjson' }, signal: client.signal }).catch((e: unknown) => e);
      return { hangUp: async () => void (client.abort(), await res) };
    }

    const until = async (done: () => boolean): Promise<void> => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };

    it('holds a request while the pipeline is behind and accepts it once the backlog drains', async () => {
      const { server, admission } = await serverWith(async () => lag);
      lag = 101;
      let answered = false;
      const res = server
        .inject({ method: 'POST', url: '/v1/ingest/okta', payload: '{"eventType":"held"}', headers: { authorization: 'Bearer ingest-a', 'content-type': 'application/x-ndjson' } })
        .finally(() => (answered = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
      expect(admission.current.waiting).toBe(1);
      lag = 0;
      expect((await res).statusCode).toBe(202);
      expect(admission.current).toMatchObject({ inFlight: 0, waiting: 0 });
      const raw = await drain(bus, Topics.rawEvents, 1);
      expect(raw.map((d) => (d.value as { payload: { data: unknown } }).payload.data)).toEqual([{ eventType: 'held' }]);
    });

    it('drops a held request from the queue when its client hangs up', async () => {
      const { server, admission } = await serverWith(async () => lag);
      lag = 101;
      const req = await realPost(server);
      await until(() => admission.current.waiting > 0);
      expect(admission.current.waiting).toBe(1);
      await req.hangUp();
      await until(() => admission.current.inFlight === 0);
      expect(admission.current).toMatchObject({ inFlight: 0, waiting: 0 });
    });

    it('frees the slot of a client that hangs up while its admission reads the backlog', async () => {
      let reading: () => void = () => undefined;
      const readStarted = new Promise<void>((r) => (reading = r));
      let release: () => void = () => undefined;
      const { server, admission } = await serverWith(() => {
        reading();
        return new Promise<number>((r) => (release = () => r(0)));
      });
      const req = await realPost(server);
      await readStarted;
      await req.hangUp();
      await new Promise((r) => setTimeout(r, 50)); // the server sees the hang-up
      release();
      await until(() => admission.current.inFlight === 0);
      expect(admission.current).toMatchObject({ inFlight: 0, waiting: 0 });
    });
  });

  it('gives the same record ids to a retried batch with the same Idempotency-Key', async () => {
    const body = '{"eventType":"a"}\n{"eventType":"b"}';
    const a = await post('okta', body, { 'idempotency-key': 'batch-1' });
    const b = await post('okta', body, { 'idempotency-key': 'batch-1' });
    expect(a.json<{ batchId: string }>().batchId).toBe(b.json<{ batchId: string }>().batchId);
    const raw = await drain(bus, Topics.rawEvents, 4);
    const ids = raw.map((d) => (d.value as { id: string }).id);
    expect(new Set(ids).size).toBe(2);
  });
});
