import { type SQL, and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Clock } from '@soc/contracts';
import { validation } from '@soc/errors';
import type { ScopeRunner } from '../scope-runner';
import { deadLetters } from '../schema';
import { decodeDeadLetterCursor, encodeDeadLetterCursor } from './dead-letter-cursor';
import type {
  DeadLetter,
  DeadLetterFilter,
  DeadLetterListOptions,
  DeadLetterPage,
  DeadLetterRepository,
  NewDeadLetter,
} from './dead-letter-repository';
import { toJsonbSafe } from './jsonb-safe';

/** Rows per INSERT: well under the 65535 bind-parameter limit at 10 columns a row. */
const INSERT_CHUNK = 500;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

const COLUMNS = {
  id: deadLetters.id,
  tenantId: deadLetters.tenantId,
  stage: deadLetters.stage,
  topic: deadLetters.topic,
  source: deadLetters.source,
  code: deadLetters.code,
  reason: deadLetters.reason,
  // Text, parsed here: driver-side jsonb parsing cannot tell the JSON string "1" from the number 1.
  originalJson: sql<string | null>`${deadLetters.original}::text`,
  originalTruncated: deadLetters.originalTruncated,
  createdAt: deadLetters.createdAt,
};

/** `DeadLetterRepository` on drizzle, every call in the tenant's RLS scope. */
export class DrizzleDeadLetterRepository implements DeadLetterRepository {
  constructor(
    private readonly scopes: ScopeRunner,
    private readonly clock: Clock,
  ) {}

  async insertMany(tenantId: string, items: readonly NewDeadLetter[]): Promise<{ inserted: number }> {
    if (items.length === 0) return { inserted: 0 };
    const now = new Date(this.clock.now());
    const rows = items.map((item) => toRow(tenantId, item, now));
    return this.scopes.withTenant(tenantId, async (tx) => {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const done = await tx
          .insert(deadLetters)
          .values(rows.slice(i, i + INSERT_CHUNK))
          .onConflictDoNothing({ target: deadLetters.id })
          .returning({ id: deadLetters.id });
        inserted += done.length;
      }
      return { inserted };
    });
  }

  async list(tenantId: string, options: DeadLetterListOptions = {}): Promise<DeadLetterPage> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw validation(`limit must be an integer in 1..${MAX_LIMIT}`, { field: 'limit' });
    }
    const conditions = filterConditions(options);
    if (options.cursor !== undefined) {
      const c = decodeDeadLetterCursor(options.cursor);
      const at = new Date(c.createdAtMs);
      conditions.push(
        or(lt(deadLetters.createdAt, at), and(eq(deadLetters.createdAt, at), lt(deadLetters.id, c.id))) as SQL,
      );
    }
    const rows = await this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select(COLUMNS)
        .from(deadLetters)
        .where(and(...conditions))
        .orderBy(desc(deadLetters.createdAt), desc(deadLetters.id))
        .limit(limit + 1),
    );
    const page = rows.slice(0, limit).map(
      (r): DeadLetter => ({
        id: r.id,
        tenantId: r.tenantId,
        stage: r.stage,
        topic: r.topic,
        source: r.source,
        code: r.code,
        reason: r.reason,
        original: r.originalJson === null ? null : (JSON.parse(r.originalJson) as unknown),
        originalTruncated: r.originalTruncated,
        createdAt: r.createdAt,
      }),
    );
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeDeadLetterCursor({ createdAtMs: last.createdAt.getTime(), id: last.id }) : null;
    return { items: page, nextCursor };
  }

  async countByCode(tenantId: string, filter: DeadLetterFilter = {}): Promise<{ code: string; count: number }[]> {
    const count = sql<number>`count(*)::int`;
    return this.scopes.withTenant(tenantId, (tx) =>
      tx
        .select({ code: deadLetters.code, count })
        .from(deadLetters)
        .where(and(...filterConditions(filter)))
        .groupBy(deadLetters.code)
        .orderBy(desc(count), deadLetters.code),
    );
  }
}

function filterConditions(f: DeadLetterFilter): SQL[] {
  const out: SQL[] = [];
  if (f.stage !== undefined) out.push(eq(deadLetters.stage, f.stage));
  if (f.source !== undefined) out.push(eq(deadLetters.source, f.source));
  if (f.code !== undefined) out.push(eq(deadLetters.code, f.code));
  if (f.from !== undefined) out.push(gte(deadLetters.createdAt, f.from));
  if (f.to !== undefined) out.push(lt(deadLetters.createdAt, f.to));
  return out;
}

function toRow(tenantId: string, item: NewDeadLetter, now: Date): typeof deadLetters.$inferInsert {
  if (typeof item.id !== 'string' || item.id.length === 0 || item.id.length > 200) {
    throw validation('dead letter id must be 1..200 characters', { field: 'id' });
  }
  const original = toJsonbSafe(item.original);
  // Text columns refuse NUL and lone surrogates just as jsonb does; the reason often quotes the
  // rejected input, and one unstorable dead letter would stall the sink for every tenant.
  const text = (v: string): string => toJsonbSafe(v).value as string;
  const optText = (v: string | null | undefined): string | null => (v == null ? null : text(v));
  return {
    id: item.id,
    tenantId,
    stage: text(item.stage),
    topic: optText(item.topic),
    source: optText(item.source),
    code: text(item.code),
    reason: text(item.reason),
    original: original.value,
    // A replaced character means the stored copy is no longer byte-exact, like a truncation.
    originalTruncated: item.originalTruncated || original.changed,
    createdAt: item.createdAt ?? now,
  };
}
