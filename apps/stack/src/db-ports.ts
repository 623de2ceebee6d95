import type { DeadLetterPage, DeadLetterQuery, DeadLetterReader } from '@soc/api';
import { UNATTRIBUTED_TENANT } from '@soc/bus';
import { type Database, isTenantId } from '@soc/db';
import type { DeadLetterWriter } from '@soc/dlq';

/** The dead-letter repository as the sink's writer and the API's reader. */
export function deadLetterStore(db: Database): DeadLetterWriter & DeadLetterReader {
  return {
    async insertMany(tenantId, rows) {
      // A message can name a tenant id the state store cannot scope to (a malformed or forged
      // one); its dead letters are kept under the reserved tenant instead of blocking the sink.
      await db.deadLetters.insertMany(isTenantId(tenantId) ? tenantId : UNATTRIBUTED_TENANT, rows);
    },
    async list(tenantId: string, q: DeadLetterQuery): Promise<DeadLetterPage> {
      const filter = {
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.source ? { source: q.source } : {}),
        ...(q.code ? { code: q.code } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
      };
      const [page, counts] = await Promise.all([
        db.deadLetters.list(tenantId, { ...filter, limit: q.limit ?? 100, ...(q.cursor ? { cursor: q.cursor } : {}) }),
        db.deadLetters.countByCode(tenantId, filter),
      ]);
      return {
        items: page.items.map((d) => ({
          id: d.id,
          stage: d.stage,
          topic: d.topic,
          source: d.source,
          code: d.code,
          reason: d.reason,
          original: d.original,
          originalTruncated: d.originalTruncated,
          createdAt: d.createdAt.toISOString(),
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        countsByCode: Object.fromEntries(counts.map((c) => [c.code, c.count])),
      };
    },
  };
}
