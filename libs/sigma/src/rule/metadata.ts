/**
 * Checks of the metadata fields (rules spec "Components" and its JSON schema): types, the
 * uuid form of ids, the status and level enums, date formats, tag syntax, the logsource map.
 * Each problem names its field and a stable reason.
 */
import type { Logsource } from '../types';
import type { SigmaCommonMeta, SigmaRelated } from './model';
import { RuleProblem } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/;
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;
const STATUS = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
const LEVEL = ['informational', 'low', 'medium', 'high', 'critical'] as const;
const RELATED = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const;

/** Collects problems while reading a document's fields. */
export class FieldReader {
  readonly problems: RuleProblem[] = [];

  constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

  fail(reason: string, message: string, path: string): undefined {
    this.problems.push(new RuleProblem(reason, message, path));
    return undefined;
  }

  /** An optional string, at most `max` characters, optionally matching `re`. */
  string(key: string, opts: { max?: number; re?: RegExp; required?: boolean } = {}): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return opts.required ? this.fail(`missing-${key}`, `'${key}' is required`, key) : undefined;
    if (typeof v !== 'string') return this.fail(`bad-${key}`, `'${key}' must be a string`, key);
    if (opts.max !== undefined && v.length > opts.max) return this.fail(`bad-${key}`, `'${key}' is longer than ${opts.max} characters`, key);
    if (opts.re && !opts.re.test(v)) return this.fail(`bad-${key}`, `'${key}' has an invalid format: '${v}'`, key);
    return v;
  }

  /** An optional member of a fixed set. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    return (allowed as readonly string[]).includes(v) ? (v as T) : this.fail(`bad-${key}`, `'${key}' must be one of ${allowed.join(', ')}, not '${v}'`, key);
  }

  /** An optional list of strings (each matching `re` when given). */
  strings(key: string, re?: RegExp, reason = `bad-${key}`): string[] {
    const v = this.raw[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.fail(reason, `'${key}' must be a list`, key) ?? [];
    const out: string[] = [];
    v.forEach((s, i) => {
      if (typeof s !== 'string') this.fail(reason, `'${key}' must hold strings`, `${key}[${i}]`);
      else if (re && !re.test(s)) this.fail(reason, `'${s}' is not a valid ${key.replace(/s$/, '')}`, `${key}[${i}]`);
      else out.push(s);
    });
    return out;
  }

  related(): SigmaRelated[] {
    const v = this.raw['related'];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return this.fail('bad-related', "'related' must be a list", 'related') ?? [];
    const out: SigmaRelated[] = [];
    v.forEach((r: unknown, i) => {
      const e = r as Record<string, unknown> | null;
      const id = e?.['id'];
      const type = e?.['type'];
      if (typeof id !== 'string' || !UUID.test(id)) this.fail('bad-related', "a related entry needs a uuid 'id'", `related[${i}].id`);
      else if (typeof type !== 'string' || !(RELATED as readonly string[]).includes(type)) this.fail('bad-related', `related type must be one of ${RELATED.join(', ')}`, `related[${i}].type`);
      else out.push({ id, type: type as SigmaRelated['type'] });
    });
    return out;
  }

  logsource(): Logsource | undefined {
    const v = this.raw['logsource'];
    if (v === undefined || v === null) return this.fail('missing-logsource', "'logsource' is required", 'logsource');
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail('bad-logsource', "'logsource' must be a map", 'logsource');
    const ls: Logsource = {};
    for (const key of ['category', 'product', 'service', 'definition'] as const) {
      const f = (v as Record<string, unknown>)[key];
      if (f === undefined || f === null) continue;
      if (typeof f !== 'string') this.fail('bad-logsource', `logsource.${key} must be a string`, `logsource.${key}`);
      else ls[key] = f;
    }
    return ls;
  }
}

/** Reads the metadata common to rules, filters and correlations. */
export function readCommonMeta(r: FieldReader, raw: Readonly<Record<string, unknown>>, file: string | undefined, index: number): Omit<SigmaCommonMeta, 'title'> & { title: string } {
  const meta = {
    id: r.string('id', { re: UUID }),
    name: r.string('name', { max: 256 }),
    title: r.string('title', { max: 256, required: true }) ?? '',
    description: r.string('description', { max: 65535 }),
    author: r.string('author'),
    date: r.string('date', { re: DATE }),
    modified: r.string('modified', { re: DATE }),
    references: r.strings('references'),
    tags: r.strings('tags', TAG, 'bad-tag'),
    level: r.oneOf('level', LEVEL),
    status: r.oneOf('status', STATUS),
    file,
    index,
    raw,
  };
  // Drop absent optionals so the objects stay small and compare cleanly.
  for (const k of Object.keys(meta) as (keyof typeof meta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}
