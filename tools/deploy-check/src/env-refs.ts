import { STACK_ENV } from '@soc/stack';
import { readRepoFile } from './repo';

/** Every SOC_* variable the stack reads (its env spec is the single source of truth). */
export function knownSocVariables(): ReadonlySet<string> {
  return new Set(Object.keys(STACK_ENV));
}

/** Variables whose values are secrets: deploy artifacts may reference them, never set them inline. */
export function secretSocVariables(): readonly string[] {
  return Object.entries(STACK_ENV)
    .filter(([, spec]) => 'secret' in spec && spec.secret === true)
    .map(([name]) => name);
}

/**
 * The service names SOC_SERVICES accepts, read from the `SERVICE_NAMES` list in the stack's
 * config source (it is not part of @soc/stack's public entry point).
 */
export function stackServiceNames(): readonly string[] {
  const source = readRepoFile('apps/stack/src/config.ts');
  const m = /SERVICE_NAMES\s*=\s*\[([^\]]*)\]/.exec(source);
  if (!m?.[1]) throw new Error('apps/stack/src/config.ts no longer declares SERVICE_NAMES = [...]');
  return [...m[1].matchAll(/'([a-z0-9-]+)'/g)].map((x) => x[1] as string);
}

/** SOC_* tokens mentioned anywhere in a text (comments included: docs must not name ghosts). */
export function socVariablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\bSOC_[A-Z0-9_]+\b/g)].map((m) => m[0]))];
}

/** Problems with one SOC_SERVICES value: empty, or a name that is not a service (or `all`). */
export function socServicesProblems(value: string, services: readonly string[]): string[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length === 0) return ['SOC_SERVICES is empty'];
  return names.filter((n) => n !== 'all' && !services.includes(n)).map((n) => `'${n}' is not a service`);
}

/** Parses a dotenv-style file: KEY=value lines, comments and blank lines ignored. */
export function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not a KEY=value line: ${line}`);
    out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return out;
}
