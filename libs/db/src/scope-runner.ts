import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { ErrorCodes, SocError } from '@soc/errors';
import type { SocPgDatabase, TenantTx } from './drivers/driver';
import { DbErrorCodes, dbClosed, mapDbError } from './errors';
import { isTenantId } from './tenant-id';

/**
 * Runs every runtime transaction as the RLS-bound role `soc_app`. Nothing outside this class
 * touches the drizzle handle, so no runtime query runs with the connection user's
 * (superuser) rights. Both settings are transaction-local: they vanish at COMMIT/ROLLBACK,
 * so a pooled connection never carries one tenant's binding into the next transaction.
 */
export class ScopeRunner {
  private closed = false;
  private readonly inScope = new AsyncLocalStorage<true>();

  constructor(private readonly db: SocPgDatabase) {}

  /** A transaction that sees and writes only `tenantId`'s rows. */
  withTenant<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    if (!isTenantId(tenantId)) {
      return Promise.reject(
        new SocError(ErrorCodes.TENANT_NOT_BOUND, 'a well-formed tenant id is required for tenant-scoped access', {
          httpStatus: 403,
        }),
      );
    }
    return this.run(tenantId, fn);
  }

  /** A transaction as soc_app with no tenant bound: only the granted system functions are useful. */
  asSystem<T>(fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.run('', fn);
  }

  /** After this, every call fails with SOC_ERR_DB_CLOSED. */
  markClosed(): void {
    this.closed = true;
  }

  private async run<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    if (this.closed) throw dbClosed();
    if (this.inScope.getStore()) {
      // PGlite has one session: a nested transaction would wait for the outer one forever.
      throw new SocError(DbErrorCodes.NESTED_SCOPE, 'withTenant/system may not be called inside another scope', {
        httpStatus: 500,
      });
    }
    try {
      return await this.inScope.run(true, () =>
        this.db.transaction(async (tx) => {
          await tx.execute(
            sql`SELECT set_config('role', 'soc_app', true), set_config('soc.tenant_id', ${tenantId}, true)`,
          );
          return fn(tx);
        }),
      );
    } catch (err) {
      throw mapDbError(err);
    }
  }
}

/** Rows of a raw `tx.execute` result; both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Raw timestamp values arrive as text from both drivers (drizzle disables their date parsing). */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** Nullable variant of `toDate`. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/**
 * Move an open transaction's RLS binding to another tenant. Only for repository methods that
 * must write two tenants' rows atomically (an MSSP parent creating a child, a delegated read
 * recorded in the child's chain) after checking, in the first tenant's scope, that the second
 * is its child. Transaction-local like the binding it replaces.
 */
export async function rebindTenant(tx: TenantTx, tenantId: string): Promise<void> {
  if (!isTenantId(tenantId)) {
    throw new SocError(ErrorCodes.TENANT_NOT_BOUND, 'a well-formed tenant id is required for tenant-scoped access', { httpStatus: 403 });
  }
  await tx.execute(sql`SELECT set_config('soc.tenant_id', ${tenantId}, true)`);
}
