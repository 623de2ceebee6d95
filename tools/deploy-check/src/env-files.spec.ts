import { readdirSync } from 'node:fs';
import { knownSocVariables, parseEnvFile, secretSocVariables, socServicesProblems, socVariablesIn, stackServiceNames } from './env-refs';
import { readRepoFile, repoPath } from './repo';

const files = readdirSync(repoPath('deploy/env')).filter((f) => f.endsWith('.env') || f.endsWith('.env.example'));

describe('deploy/env examples', () => {
  it('has the embedded and scale examples and a secrets template', () => {
    expect(files).toEqual(expect.arrayContaining(['embedded.env', 'scale.env', 'secrets.env.example']));
  });

  it.each(files)('%s parses and names only SOC_* variables the stack reads', (file) => {
    const text = readRepoFile(`deploy/env/${file}`);
    expect(() => parseEnvFile(text)).not.toThrow();
    const known = knownSocVariables();
    expect(socVariablesIn(text).filter((v) => !known.has(v))).toEqual([]);
  });

  it.each(files)('%s sets no secret value', (file) => {
    const env = parseEnvFile(readRepoFile(`deploy/env/${file}`));
    for (const key of [...secretSocVariables(), 'POSTGRES_PASSWORD', 'CLICKHOUSE_PASSWORD']) {
      expect({ key, value: env.get(key) ?? '' }).toEqual({ key, value: '' });
    }
  });

  it('embedded.env runs every service on the embedded adapters under /data', () => {
    const env = parseEnvFile(readRepoFile('deploy/env/embedded.env'));
    expect(socServicesProblems(env.get('SOC_SERVICES') ?? '', stackServiceNames())).toEqual([]);
    expect(Object.fromEntries(env)).toMatchObject({ SOC_SERVICES: 'all', SOC_BUS: 'embedded', SOC_EVENTSTORE: 'duckdb', SOC_DATA_DIR: '/data', SOC_HOST: '0.0.0.0' });
  });

  it('scale.env points at kafka and clickhouse', () => {
    const env = parseEnvFile(readRepoFile('deploy/env/scale.env'));
    expect(Object.fromEntries(env)).toMatchObject({ SOC_BUS: 'kafka', SOC_EVENTSTORE: 'clickhouse', SOC_HOST: '0.0.0.0' });
    expect(env.get('SOC_KAFKA_BROKERS')).toBeTruthy();
    expect(env.get('SOC_CLICKHOUSE_URL')).toMatch(/^https?:\/\//);
  });
});
