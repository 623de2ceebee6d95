import { randomBytes } from 'node:crypto';
import { describeEntityGraphContract } from '@soc/graph';
import { Neo4jEntityGraph } from './neo4j-entity-graph';

// Runs only against a real server; there is no Neo4j on the CI machine by default.
const url = process.env['SOC_TEST_NEO4J_URL'];

if (url) {
  describeEntityGraphContract('neo4j', async () => {
    const graph = await Neo4jEntityGraph.fromConfig({
      url,
      username: process.env['SOC_TEST_NEO4J_USER'] ?? 'neo4j',
      password: process.env['SOC_TEST_NEO4J_PASSWORD'] ?? '',
      ...(process.env['SOC_TEST_NEO4J_DATABASE'] ? { database: process.env['SOC_TEST_NEO4J_DATABASE'] } : {}),
    });
    // The server is shared between runs: fresh tenant ids, removed afterwards.
    const run = randomBytes(4).toString('hex');
    const tenants = [`acme-${run}`, `globex-${run}`] as const;
    return {
      graph,
      tenants,
      close: async () => {
        for (const t of tenants) await graph.deleteTenant(t);
        await graph.close();
      },
    };
  });
} else {
  process.stdout.write('skipped: no server (set SOC_TEST_NEO4J_URL)\n');
  describe('EntityGraph contract: neo4j', () => {
    it.skip('needs a Neo4j server (set SOC_TEST_NEO4J_URL, SOC_TEST_NEO4J_USER, SOC_TEST_NEO4J_PASSWORD)', () => undefined);
  });
}
