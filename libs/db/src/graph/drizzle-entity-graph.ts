import { and, eq } from 'drizzle-orm';
import { type Clock, systemClock } from '@soc/contracts';
import {
  type EntityGraph,
  type EntityRef,
  type GraphBatch,
  type GraphEntity,
  type Neighbourhood,
  type NeighbourhoodOptions,
  type UpsertOptions,
  type UpsertReport,
  checkBatch,
  checkRef,
  checkStream,
  checkWatermark,
  resolveNeighbourhoodOptions,
  walkNeighbourhood,
} from '@soc/graph';
import type { TenantScopes } from '../detection/tenant-scopes';
import { graphWatermarks } from '../schema/graph';
import { claimWatermark, upsertEdges, upsertEntities } from './graph-write';
import { readEntities, readerOn } from './graph-read';

/**
 * The entity graph in the state database (tables of migration 0009), on PGlite or PostgreSQL.
 * Every call runs in the tenant's RLS scope; a write and its watermark commit together, and a
 * neighbourhood walk reads one snapshot (one transaction).
 */
export class DrizzleEntityGraph implements EntityGraph {
  constructor(
    private readonly scopes: TenantScopes,
    private readonly clock: Clock = systemClock,
  ) {}

  async upsert(tenantId: string, batch: GraphBatch, options: UpsertOptions = {}): Promise<UpsertReport> {
    checkBatch(batch);
    const w = options.watermark;
    if (w) checkWatermark(w);
    const now = new Date(this.clock.now());
    return this.scopes.withTenant(tenantId, async (tx) => {
      if (w && !(await claimWatermark(tx, tenantId, w, now))) return { applied: false, entities: 0, edges: 0 };
      await upsertEntities(tx, tenantId, batch.entities, now);
      await upsertEdges(tx, tenantId, batch.edges, now);
      return { applied: true, entities: batch.entities.length, edges: batch.edges.length };
    });
  }

  async watermark(tenantId: string, stream: string): Promise<number | null> {
    checkStream(stream);
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select({ position: graphWatermarks.position })
        .from(graphWatermarks)
        .where(and(eq(graphWatermarks.tenantId, tenantId), eq(graphWatermarks.stream, stream))),
    );
    return rows[0] ? Number(rows[0].position) : null;
  }

  async getEntity(tenantId: string, ref: EntityRef): Promise<GraphEntity | null> {
    checkRef(ref);
    const [found] = await this.scopes.withTenant(tenantId, (tx) => readEntities(tx, tenantId, [ref]));
    return found ?? null;
  }

  async neighbourhood(tenantId: string, ref: EntityRef, options?: NeighbourhoodOptions): Promise<Neighbourhood | null> {
    checkRef(ref);
    const opts = resolveNeighbourhoodOptions(options);
    return this.scopes.withTenant(tenantId, async (tx) => {
      const [centre] = await readEntities(tx, tenantId, [ref]);
      return centre ? walkNeighbourhood(readerOn(tx, tenantId), centre, opts) : null;
    });
  }
}
