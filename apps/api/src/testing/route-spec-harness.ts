import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '@soc/contracts';
import { Database } from '@soc/db';
import { type Authenticator, type Credential, createHttpServer, principalFor } from '@soc/http';
import { createLogger } from '@soc/logging';

/**
 * Credentials by token, resolved the way the stack resolves a stored key (principalFor), for
 * route specs: the key store itself is tested in libs/db, the role matrix in apps/stack.
 */
export function fixedKeys(keys: Readonly<Record<string, Omit<Credential, 'keyId'>>>): Authenticator {
  return { authenticate: async (token) => (keys[token] ? principalFor({ ...keys[token], keyId: token }) : undefined) };
}

/** The tenants every route spec seeds: data of one must never show for the other. */
export const SPEC_TENANTS = ['tenant-a', 'tenant-b'] as const;

/**
 * A route spec's world: a fresh PGlite state database with `tenant-a` and `tenant-b`, and an
 * HTTP server (with the OpenAPI document) to register the routes under test on, after seeding.
 */
export class RouteSpecHarness {
  private constructor(
    readonly db: Database,
    readonly app: FastifyInstance,
    private readonly dir: string,
  ) {}

  static async open(name: string, clock: Clock, opts: { bodyLimit?: number } = {}): Promise<RouteSpecHarness> {
    const dir = mkdtempSync(path.join(tmpdir(), `${name}-`));
    const db = await Database.open({ kind: 'pglite', dataDir: dir }, { clock });
    for (const id of SPEC_TENANTS) await db.tenants.create({ id, name: id.slice(-1).toUpperCase() });
    const app = await createHttpServer({ logger: createLogger({ level: 'silent', name }), bodyLimit: opts.bodyLimit ?? 1024, title: name, version: '0', docs: true });
    return new RouteSpecHarness(db, app, dir);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
