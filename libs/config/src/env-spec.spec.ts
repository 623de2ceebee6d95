import { isSocError } from '@soc/errors';
import { describeEnv, parseEnv, type EnvSpec } from './env-spec';

const spec = {
  PORT: { type: 'int', default: 8080, min: 1, max: 65535, description: 'port' },
  DEMO: { type: 'bool', default: false, description: 'demo' },
  MODE: { type: 'enum', values: ['a', 'b'], default: 'a', description: 'mode' },
  KEY: { type: 'string', secret: true, minLength: 8, description: 'key' },
  HOSTS: { type: 'list', default: [], description: 'hosts' },
} as const satisfies EnvSpec;

describe('parseEnv', () => {
  it('applies defaults and coerces types', () => {
    const c = parseEnv(spec, { PORT: '9090', DEMO: 'true', HOSTS: 'a:1, b:2' });
    expect(c).toEqual({ PORT: 9090, DEMO: true, MODE: 'a', KEY: undefined, HOSTS: ['a:1', 'b:2'] });
  });

  it('reports every problem at once without echoing secret values', () => {
    let err: unknown;
    try {
      parseEnv(spec, { PORT: '70000', DEMO: 'maybe', MODE: 'c', KEY: 'tiny-s3' });
    } catch (e) {
      err = e;
    }
    expect(isSocError(err, 'SOC_ERR_CONFIG_INVALID')).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toContain('PORT must be <= 65535');
    expect(msg).toContain('DEMO must be a boolean');
    expect(msg).toContain('MODE must be one of a, b');
    expect(msg).toContain('KEY must be at least 8 characters');
    expect(msg).not.toContain('tiny-s3');
  });

  it('documents the spec as a table', () => {
    expect(describeEnv(spec)).toContain('| `PORT` | int | `8080` | port |');
  });
});
