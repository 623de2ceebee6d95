import { configInvalid } from '@soc/errors';

/** How one environment variable is read. */
export type EnvVarSpec =
  | { type: 'string'; default?: string; description: string; secret?: boolean; pattern?: RegExp; minLength?: number }
  | { type: 'int'; default?: number; description: string; min?: number; max?: number }
  | { type: 'bool'; default?: boolean; description: string }
  | { type: 'enum'; values: readonly string[]; default?: string; description: string }
  | { type: 'list'; default?: readonly string[]; description: string };

export type EnvSpec = Readonly<Record<string, EnvVarSpec>>;

type ValueOf<S extends EnvVarSpec> = S extends { type: 'int' }
  ? number
  : S extends { type: 'bool' }
    ? boolean
    : S extends { type: 'list' }
      ? string[]
      : string;

/** Parsed configuration: variables with a default are always present, others may be undefined. */
export type EnvConfig<T extends EnvSpec> = {
  [K in keyof T]: T[K] extends { default: unknown } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

function parseOne(name: string, spec: EnvVarSpec, raw: string): { value?: unknown; problem?: string } {
  switch (spec.type) {
    case 'string':
      if (spec.minLength !== undefined && raw.length < spec.minLength) return { problem: `${name} must be at least ${spec.minLength} characters` };
      if (spec.pattern && !spec.pattern.test(raw)) return { problem: `${name} does not match ${spec.pattern.source}` };
      return { value: raw };
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) return { problem: `${name} must be an integer, got "${raw}"` };
      const n = Number(raw);
      if (spec.min !== undefined && n < spec.min) return { problem: `${name} must be >= ${spec.min}` };
      if (spec.max !== undefined && n > spec.max) return { problem: `${name} must be <= ${spec.max}` };
      return { value: n };
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (TRUE.has(v)) return { value: true };
      if (FALSE.has(v)) return { value: false };
      return { problem: `${name} must be a boolean (1/0, true/false), got "${raw}"` };
    }
    case 'enum':
      return spec.values.includes(raw) ? { value: raw } : { problem: `${name} must be one of ${spec.values.join(', ')}, got "${raw}"` };
    case 'list':
      return { value: raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0) };
  }
}

/**
 * Reads and validates environment variables against a spec, collecting every problem so an
 * operator fixes them in one pass. Throws SOC_ERR_CONFIG_INVALID; secret values never appear
 * in the error.
 */
export function parseEnv<T extends EnvSpec>(spec: T, env: Readonly<Record<string, string | undefined>>): EnvConfig<T> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, s] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || (raw === '' && s.type !== 'string' && s.type !== 'bool')) {
      out[name] = s.default === undefined ? undefined : Array.isArray(s.default) ? [...s.default] : s.default;
      continue;
    }
    const { value, problem } = parseOne(name, s, raw);
    if (problem) problems.push(problem);
    else out[name] = value;
  }
  if (problems.length > 0) throw configInvalid(`invalid configuration: ${problems.join('; ')}`, { problems });
  return out as EnvConfig<T>;
}

/** A Markdown table documenting a spec (kept in the README so docs cannot drift from code). */
export function describeEnv(spec: EnvSpec): string {
  const rows = Object.entries(spec).map(([name, s]) => {
    const type = s.type === 'enum' ? s.values.join(' \\| ') : s.type;
    const def = s.default === undefined ? '' : Array.isArray(s.default) ? s.default.join(',') : String(s.default);
    return `| \`${name}\` | ${type} | ${def === '' ? '' : `\`${def}\``} | ${s.description} |`;
  });
  return ['| variable | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
