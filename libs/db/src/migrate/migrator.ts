import { SocError } from '@soc/errors';
import { DbErrorCodes, sqlState } from '../errors';
import type { MigrationConnection } from './migration-connection';
import type { MigrationFile } from './migration-files';

/** Fixed advisory lock key: "SOCMIGR" in ASCII, so concurrent migrators of one database queue up. */
const MIGRATION_LOCK_KEY = '23449573545035602';

/** What one migrator run did. */
export interface MigrationReport {
  readonly applied: readonly { version: number; name: string; ms: number }[];
  readonly alreadyApplied: number;
}

interface AppliedRow extends Record<string, unknown> {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Apply pending migrations in order, each in its own transaction with its checksum recorded.
 * Refuses to run anything if an applied migration's file changed or is missing, since the
 * schema would no longer be what the code was tested against.
 */
export async function runMigrations(
  conn: MigrationConnection,
  files: readonly MigrationFile[],
  nowMs: () => number,
): Promise<MigrationReport> {
  await conn.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  try {
    await conn.exec(`CREATE TABLE IF NOT EXISTS soc_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz(3) NOT NULL,
      execution_ms integer NOT NULL
    )`);
    const applied = await conn.query<AppliedRow>('SELECT version, name, checksum FROM soc_schema_migrations ORDER BY version');
    verifyApplied(applied, files);
    const done = new Set(applied.map((a) => a.version));
    const report: { version: number; name: string; ms: number }[] = [];
    for (const file of files) {
      if (done.has(file.version)) continue;
      report.push(await applyOne(conn, file, nowMs));
    }
    return { applied: report, alreadyApplied: done.size };
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
  }
}

function verifyApplied(applied: readonly AppliedRow[], files: readonly MigrationFile[]): void {
  for (const row of applied) {
    const file = files.find((f) => f.version === row.version);
    if (!file) {
      throw new SocError(
        DbErrorCodes.MIGRATION_UNKNOWN,
        `database has migration ${row.version} (${row.name}) that this code does not ship; it is newer than the code`,
        { details: { version: row.version, name: row.name } },
      );
    }
    if (file.checksum !== row.checksum) {
      throw new SocError(
        DbErrorCodes.MIGRATION_TAMPERED,
        `migration ${row.version} (${row.name}) was changed after it was applied; add a new migration instead`,
        { details: { version: row.version, name: row.name, recorded: row.checksum, actual: file.checksum } },
      );
    }
  }
}

async function applyOne(
  conn: MigrationConnection,
  file: MigrationFile,
  nowMs: () => number,
): Promise<{ version: number; name: string; ms: number }> {
  const started = performance.now();
  await conn.exec('BEGIN');
  try {
    await conn.exec(file.sql);
    const ms = Math.round(performance.now() - started);
    await conn.query(
      'INSERT INTO soc_schema_migrations (version, name, checksum, applied_at, execution_ms) VALUES ($1, $2, $3, $4, $5)',
      [file.version, file.name, file.checksum, new Date(nowMs()).toISOString(), ms],
    );
    await conn.exec('COMMIT');
    return { version: file.version, name: file.name, ms };
  } catch (err) {
    await conn.exec('ROLLBACK');
    throw new SocError(
      DbErrorCodes.MIGRATION_FAILED,
      `migration ${file.version} (${file.name}) failed: ${err instanceof Error ? err.message : String(err)}`,
      { details: { version: file.version, name: file.name, sqlState: sqlState(err) }, cause: err },
    );
  }
}
