import { mkdtempSync, rmSync } from 'node:fs';
import { closedPort } from '@soc/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@soc/contracts';
import { DrizzleEntityGraph } from '@soc/db';
import { createLogger } from '@soc/logging';
import { openAdapters } from './adapters';
import { loadStackConfig } from './config';

const log = createLogger({ level: 'silent', name: 't' });

describe('openAdapters: the entity graph', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'adapters-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the graph in the state database by default', async () => {
    const adapters = await openAdapters(loadStackConfig({ SOC_DATA_DIR: dir }, []), systemClock, log, { eventStore: false, graph: true });
    try {
      expect(adapters.graph?.graph).toBeInstanceOf(DrizzleEntityGraph);
      expect(await adapters.graph?.graph.getEntity('default', { type: 'user', value: 'nobody' })).toBeNull();
    } finally {
      await adapters.graph?.close();
      await adapters.bus.close();
      await adapters.db.close();
    }
  }, 60_000);

  it('refuses SOC_GRAPH=neo4j without a URL, and an unreachable Neo4j, closing what it opened', async () => {
    const neo4j = (env: Record<string, string>) => openAdapters(loadStackConfig({ SOC_DATA_DIR: dir, SOC_GRAPH: 'neo4j', ...env }, []), systemClock, log, { eventStore: false, graph: true });
    await expect(neo4j({})).rejects.toMatchObject({ code: 'SOC_ERR_CONFIG_INVALID' });
    await expect(neo4j({ SOC_NEO4J_URL: `bolt://127.0.0.1:${await closedPort()}` })).rejects.toMatchObject({ code: 'SOC_ERR_UNAVAILABLE' });
    // The bus directory lock and the state database were released: the same directory opens again.
    const again = await openAdapters(loadStackConfig({ SOC_DATA_DIR: dir }, []), systemClock, log, { eventStore: false, graph: false });
    expect(again.graph).toBeUndefined();
    await again.bus.close();
    await again.db.close();
  }, 60_000);
});
