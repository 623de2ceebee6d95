import { systemClock } from '@soc/contracts';
import { isSocError } from '@soc/errors';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Logger, createLogger } from '@soc/logging';
import { buildStack } from './app';
import { DrizzleRuleRepository } from '@soc/db';
import { bootstrap } from './bootstrap';
import { seedNativeRules } from './native-rules';
import { loadStackConfig } from './config';
import { startDemo } from './demo';

/**
 * Process concerns only: read config, build the stack, listen, and shut down gracefully on
 * SIGTERM/SIGINT. Everything else lives in app.ts.
 */
async function main(): Promise<void> {
  const config = loadStackConfig(process.env, process.argv.slice(2));
  const log = createLogger({ level: config.SOC_LOG_LEVEL, name: 'soc' });
  const stack = await buildStack(config, log, systemClock);
  const boot = await bootstrap(stack.adapters.db, config.SOC_BOOTSTRAP_API_KEY, systemClock);
  if (boot.createdKey) await revealKey(boot.createdKey, config.SOC_DATA_DIR, log);
  const seeded = await seedNativeRules(new DrizzleRuleRepository(stack.adapters.db, systemClock), boot.tenantId);
  log.info({ tenantId: boot.tenantId, created: seeded.created, updated: seeded.updated, unchanged: seeded.unchanged }, 'native starter rules in the rule store');
  await stack.start();
  const address = await stack.http.listen({ port: config.SOC_PORT, host: config.SOC_HOST });
  log.info({ address, services: config.SOC_SERVICES, dataDir: config.SOC_DATA_DIR, demo: config.SOC_DEMO }, 'SOC started');
  if (config.SOC_DEMO && !stack.ingest) log.warn('SOC_DEMO needs the ingest service in this process; demo not started');
  const demo = config.SOC_DEMO && stack.ingest ? startDemo(stack.ingest, boot.tenantId, config.SOC_DEMO_SPEEDUP, systemClock, log.child({ svc: 'demo' })) : undefined;

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    void (async () => {
      await demo?.stop();
      await stack.stop();
      log.info('stopped');
      process.exit(0);
    })().catch((err: unknown) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * Shows the generated owner key once. On an interactive terminal it is printed; otherwise
 * stdout is usually a log stream (containers), where a key must not go, so it is written to a
 * file only the process owner can read and the log says where.
 */
async function revealKey(key: string, dataDir: string, log: Logger): Promise<void> {
  if (process.stdout.isTTY) {
    process.stdout.write(`\n  Tenant 'default' created. Owner API key (shown once, store it now):\n\n    ${key}\n\n`);
    return;
  }
  const file = join(resolve(dataDir), 'initial-admin-api-key');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  log.warn({ file }, "tenant 'default' created; its owner API key was written to this file (read it, store it, delete the file)");
}

main().catch((err: unknown) => {
  // Config errors are operator mistakes: print the message, not a stack trace.
  if (isSocError(err, 'SOC_ERR_CONFIG_INVALID')) process.stderr.write(`soc: ${err.message}\n`);
  else process.stderr.write(`soc: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
