import type { Clock } from '@soc/contracts';
import { type Database, DbErrorCodes } from '@soc/db';
import { isSocError } from '@soc/errors';

export const DEFAULT_TENANT = 'default';
const BOOTSTRAP_STATE_KEY = 'bootstrap';

export interface BootstrapResult {
  tenantId: string;
  /** The generated owner key, only on the start that created it; never stored in clear. */
  createdKey?: string;
}

/**
 * First start: creates tenant `default` and an owner API key (admin scope). With `bootstrapKey` (from
 * SOC_BOOTSTRAP_API_KEY) that exact key is registered, so automation knows it in advance;
 * otherwise a random key is generated and returned for printing once. Later starts find the
 * marker in system state and do nothing, except registering a newly supplied bootstrap key.
 */
export async function bootstrap(db: Database, bootstrapKey: string | undefined, clock: Clock): Promise<BootstrapResult> {
  // Pods of a scaled deployment start together and race to create the same tenant, key and
  // marker; a loser sees a unique-key conflict, and the next pass finds those rows and skips
  // them. Each pass gets past at least one of the three racy steps, so three retries suffice.
  for (let attempt = 1; ; attempt++) {
    try {
      return await bootstrapOnce(db, bootstrapKey, clock);
    } catch (err) {
      if (attempt > 3 || !isSocError(err, DbErrorCodes.CONFLICT)) throw err;
    }
  }
}

async function bootstrapOnce(db: Database, bootstrapKey: string | undefined, clock: Clock): Promise<BootstrapResult> {
  if (!(await db.system.getTenant(DEFAULT_TENANT))) {
    await db.system.createTenant({ id: DEFAULT_TENANT, name: 'Default tenant' });
  }
  const done = await db.system.getState(BOOTSTRAP_STATE_KEY);
  // An owner service key: the one way into a fresh install, able to create users and other keys.
  const keyInput = { name: 'bootstrap owner', scopes: ['admin'] as const, role: 'owner' as const, createdBy: 'system:bootstrap' };
  if (bootstrapKey) {
    await db.apiKeys.importKey(DEFAULT_TENANT, { ...keyInput, plaintext: bootstrapKey });
    if (!done) await db.system.setState(BOOTSTRAP_STATE_KEY, { at: new Date(clock.now()).toISOString(), key: 'supplied' });
    return { tenantId: DEFAULT_TENANT };
  }
  if (done) return { tenantId: DEFAULT_TENANT };
  const created = await db.apiKeys.create(DEFAULT_TENANT, keyInput);
  await db.system.setState(BOOTSTRAP_STATE_KEY, { at: new Date(clock.now()).toISOString(), key: created.key.prefix });
  return { tenantId: DEFAULT_TENANT, createdKey: created.plaintext };
}
