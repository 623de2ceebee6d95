import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@soc/contracts';
import { createLogger } from '@soc/logging';
import { type Stack, buildStack } from './app';
import { loadStackConfig } from './config';

interface Operation {
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

describe('OpenAPI document', () => {
  let dir: string;
  let stack: Stack;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    stack = await buildStack(loadStackConfig({ SOC_DATA_DIR: dir, SOC_NORMALIZE_WORKERS: '0' }, []), createLogger({ level: 'silent', name: 't' }), systemClock);
    await stack.http.ready();
  }, 60_000);
  afterAll(async () => {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is served at /docs and gives every route its request and response schemas', async () => {
    const res = await stack.http.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json<{ paths: Record<string, Record<string, Operation>> }>().paths;
    const problems: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        const ok = Object.entries(op.responses ?? {}).filter(([code, r]) => code.startsWith('2') && r.content !== undefined);
        if (ok.length === 0) problems.push(`${method} ${path}: no 2xx response schema`);
        if ((method === 'post' || method === 'put' || method === 'patch') && !op.requestBody?.content) problems.push(`${method} ${path}: no request body schema`);
      }
    }
    expect(problems).toEqual([]);
    for (const p of ['/v1/ingest/{source}', '/v1/events/search', '/v1/rules/test', '/v1/rules/import', '/v1/alerts', '/v1/audit/verify', '/v1/dead-letters', '/v1/entities/{type}/{id}', '/metrics']) expect(Object.keys(paths)).toContain(p);
    expect(operations).toBeGreaterThanOrEqual(22);
  });
});
