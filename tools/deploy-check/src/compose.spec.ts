import { existsSync } from 'node:fs';
import { knownSocVariables, parseEnvFile, secretSocVariables, socServicesProblems, socVariablesIn, stackServiceNames } from './env-refs';
import { asMap, readRepoFile, readRepoYaml, repoPath } from './repo';

const compose = asMap(readRepoYaml('docker-compose.yml'), 'docker-compose.yml');
const services = asMap(compose.services, 'services');
const volumes = asMap(compose.volumes, 'volumes');

/** The compose services built from our image (the SOC services), by name. */
function socServices(): [string, Record<string, unknown>][] {
  return Object.entries(services)
    .map(([name, raw]) => [name, asMap(raw, `services.${name}`)] as [string, Record<string, unknown>])
    .filter(([, svc]) => svc.build !== undefined);
}

/** A service's effective environment: its env_file entries, then its `environment` map. */
function effectiveEnv(svc: Record<string, unknown>): Map<string, string> {
  const env = new Map<string, string>();
  for (const file of (svc.env_file as string[] | undefined) ?? []) {
    for (const [k, v] of parseEnvFile(readRepoFile(file))) env.set(k, v);
  }
  for (const [k, v] of Object.entries(asMap(svc.environment ?? {}, 'environment'))) env.set(k, String(v));
  return env;
}

describe('docker-compose.yml', () => {
  it('runs kafka, postgres and clickhouse, each with a healthcheck and a named volume', () => {
    for (const name of ['kafka', 'postgres', 'clickhouse']) {
      const svc = asMap(services[name], name);
      expect(asMap(svc.healthcheck, `${name}.healthcheck`).test).toBeDefined();
      const mounts = (svc.volumes as string[]).map((v) => v.split(':')[0] as string);
      expect(mounts.some((m) => m in volumes)).toBe(true);
    }
    expect(String(asMap(services.postgres, 'postgres').image)).toMatch(/^postgres:15/);
    expect(String(asMap(services.clickhouse, 'clickhouse').image)).toMatch(/^clickhouse\/clickhouse-server:/);
    expect(asMap(asMap(services.kafka, 'kafka').environment, 'kafka.environment')).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
  });

  it('runs one container per SOC service from the same image, each with a valid SOC_SERVICES', () => {
    const names = stackServiceNames();
    const scale = socServices().filter(([, svc]) => svc.profiles === undefined);
    const selected = scale.map(([name, svc]) => {
      const value = effectiveEnv(svc).get('SOC_SERVICES') ?? '';
      expect({ name, problems: socServicesProblems(value, names) }).toEqual({ name, problems: [] });
      return value;
    });
    expect(selected.sort()).toEqual([...names].sort());
    expect(new Set(socServices().map(([, svc]) => svc.image)).size).toBe(1);
  });

  it('wires the scale services to kafka, postgres and clickhouse', () => {
    for (const [name, svc] of socServices().filter(([, s]) => s.profiles === undefined)) {
      const env = effectiveEnv(svc);
      expect({ name, bus: env.get('SOC_BUS'), store: env.get('SOC_EVENTSTORE') }).toEqual({ name, bus: 'kafka', store: 'clickhouse' });
      expect(env.get('SOC_KAFKA_BROKERS')).toBe('kafka:9092');
      expect(env.get('SOC_STATE_URL')).toMatch(/^postgres:\/\/soc:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/soc$/);
    }
  });

  it('gives ingest the syslog ports, and every SOC service the HTTP healthcheck', () => {
    const ingest = asMap(services.ingest, 'ingest');
    expect(effectiveEnv(ingest).get('SOC_SYSLOG_TCP_PORT')).toBe('5514');
    expect(ingest.ports).toEqual(expect.arrayContaining(['5514:5514/tcp', '5514:5514/udp']));
    for (const [name, svc] of socServices()) {
      // Every process serves /healthz, worker-only ones included.
      const hc = asMap(svc.healthcheck, `${name}.healthcheck`);
      expect({ name, check: hc.test }).toEqual({ name, check: ['CMD', 'node', 'deploy/healthcheck.mjs'] });
    }
  });

  it('starts services only after what they depend on is healthy', () => {
    for (const [name, raw] of Object.entries(services)) {
      const deps = asMap(asMap(raw, name).depends_on ?? {}, `${name}.depends_on`);
      for (const [dep, cond] of Object.entries(deps)) {
        expect(Object.keys(services)).toContain(dep);
        expect({ name, dep, condition: asMap(cond, dep).condition }).toEqual({ name, dep, condition: 'service_healthy' });
        expect(asMap(asMap(services[dep], dep).healthcheck, `${dep}.healthcheck`).disable).toBeUndefined();
      }
    }
  });

  it('has an `embedded` profile running the all-in-one container on a volume', () => {
    const embedded = socServices().filter(([, svc]) => (svc.profiles as string[] | undefined)?.includes('embedded'));
    expect(embedded).toHaveLength(1);
    const [, svc] = embedded[0] as [string, Record<string, unknown>];
    const env = effectiveEnv(svc);
    expect(env.get('SOC_SERVICES')).toBe('all');
    expect(env.get('SOC_DATA_DIR')).toBe('/data');
    const mount = (svc.volumes as string[]).find((v) => v.endsWith(':/data'));
    expect(mount?.split(':')[0]).toBeDefined();
    expect(volumes).toHaveProperty(mount?.split(':')[0] as string);
  });

  it('references only env files that exist and SOC_* variables that the stack reads', () => {
    for (const [, svc] of socServices()) for (const f of (svc.env_file as string[]) ?? []) expect(existsSync(repoPath(f))).toBe(true);
    const known = knownSocVariables();
    expect(socVariablesIn(readRepoFile('docker-compose.yml')).filter((v) => !known.has(v))).toEqual([]);
  });

  it('never sets a secret inline: secret variables come from ${...} interpolation', () => {
    const secrets = secretSocVariables();
    expect(secrets.length).toBeGreaterThan(0);
    for (const [name, svc] of socServices()) {
      for (const [key, value] of effectiveEnv(svc)) {
        if (secrets.includes(key)) expect({ name, key, interpolated: /\$\{[A-Z_]+:\?/.test(value) }).toEqual({ name, key, interpolated: true });
      }
    }
    for (const name of ['postgres', 'clickhouse']) {
      const env = asMap(asMap(services[name], name).environment, name);
      const password = Object.entries(env).find(([k]) => k.endsWith('_PASSWORD'))?.[1];
      expect(String(password)).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
    }
  });
});
