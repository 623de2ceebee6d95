import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SocError } from '@soc/errors';
import { DbErrorCodes } from '../errors';

/** One SQL migration file, `NNNN_name.sql`. */
export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 (hex) of the file with line endings normalized, recorded when applied. */
  readonly checksum: string;
}

/** The migrations shipped with this library. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Line endings are normalized so a checkout with CRLF conversion is not mistaken for tampering. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** Read and order the migration files of `dir`; misnamed files and duplicate versions are refused. */
export async function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (
    await readdir(dir).catch((err: unknown) => {
      throw new SocError(DbErrorCodes.MIGRATION_INVALID, `cannot read migrations directory ${dir}`, { cause: err });
    })
  )
    .filter((n) => n.endsWith('.sql'))
    .sort();
  const files: MigrationFile[] = [];
  for (const fileName of names) {
    const m = FILE_NAME.exec(fileName);
    if (!m?.[1] || !m[2]) {
      throw new SocError(DbErrorCodes.MIGRATION_INVALID, `migration file name must be NNNN_name.sql: ${fileName}`, {
        details: { fileName },
      });
    }
    const version = Number(m[1]);
    if (files.some((f) => f.version === version)) {
      throw new SocError(DbErrorCodes.MIGRATION_INVALID, `two migration files share version ${version}`, {
        details: { version },
      });
    }
    const sql = await readFile(path.join(dir, fileName), 'utf8');
    files.push({ version, name: m[2], sql, checksum: migrationChecksum(sql) });
  }
  return files;
}
