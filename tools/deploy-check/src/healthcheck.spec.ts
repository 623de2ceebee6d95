import { spawn } from 'node:child_process';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { repoPath } from './repo';

const SCRIPT = repoPath('deploy/healthcheck.mjs');

/** Runs the container healthcheck script with the given environment; resolves its exit code. */
function runHealthcheck(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('deploy/healthcheck.mjs', () => {
  let server: Server;
  let port: string;
  let status = 200;
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.statusCode = status;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = String((server.address() as AddressInfo).port);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('passes when /healthz answers 200 on a wildcard bind (dialled on loopback)', async () => {
    status = 200;
    const r = await runHealthcheck({ SOC_PORT: port, SOC_HOST: '0.0.0.0', SOC_SERVICES: 'ingest' });
    expect(r.code).toBe(0);
    expect(paths.at(-1)).toBe('/healthz');
  });

  it('fails when /healthz answers an error status', async () => {
    status = 503;
    const r = await runHealthcheck({ SOC_PORT: port, SOC_HOST: '127.0.0.1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('answered 503');
  });

  it('fails when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = String((closed.address() as AddressInfo).port);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await runHealthcheck({ SOC_PORT: free, SOC_SERVICES: 'all' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('failed');
  });

  it('probes worker-only processes too: they serve /healthz like the others', async () => {
    const r = await runHealthcheck({ SOC_PORT: '1', SOC_SERVICES: 'normalize, lake,dlq' });
    expect(r.code).toBe(1);
  });
});
