import { closedPort } from '@soc/testing';
import { Neo4jEntityGraph } from './neo4j-entity-graph';

describe('Neo4jEntityGraph.fromConfig (no server needed)', () => {
  it('refuses a URL that is not a Bolt or Neo4j URL', async () => {
    await expect(Neo4jEntityGraph.fromConfig({ url: 'http://localhost:7474', username: 'neo4j', password: 'x' })).rejects.toMatchObject({ code: 'SOC_ERR_CONFIG_INVALID' });
  });

  it('reports an unreachable server as SOC_ERR_UNAVAILABLE, retryable', async () => {
    const port = await closedPort();
    await expect(Neo4jEntityGraph.fromConfig({ url: `bolt://127.0.0.1:${port}`, username: 'neo4j', password: 'x' })).rejects.toMatchObject({ code: 'SOC_ERR_UNAVAILABLE', retryable: true });
  });
});
