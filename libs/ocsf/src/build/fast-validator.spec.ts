import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { TEXT_SOURCES, type SourceName } from '@soc/contracts';
import { generateScenario } from '@soc/scenario';
import { splitRecords } from '@soc/sources';
import { mapperFor } from '../mappers/registry';
import { readOcsfArtifact } from '../schema-artifacts';
import { FastSchemaCompiler } from './fast-validator';

interface Doc {
  $id: string;
  $defs: Record<string, Record<string, unknown>>;
}

const doc = readOcsfArtifact('schema') as Doc;
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: false, unicodeRegExp: false });
ajv.addSchema(doc);
const fast = new FastSchemaCompiler(doc.$defs);
const oracles = new Map<number, ValidateFunction>();
const oracle = (cls: number) => {
  const fn = oracles.get(cls) ?? (ajv.getSchema(`${doc.$id}#/$defs/class_${cls}`) as ValidateFunction);
  oracles.set(cls, fn);
  return fn;
};

/** Every event of a small scenario, all sources, as normalize produces them. */
function scenarioEvents(): Record<string, unknown>[] {
  const scenario = generateScenario({ seed: 3, start: new Date(Date.UTC(2026, 2, 2, 9)), hours: 1, users: 10 });
  const bySource = new Map<SourceName, string[]>();
  for (const r of scenario.records) bySource.set(r.source, [...(bySource.get(r.source) ?? []), typeof r.record === 'string' ? r.record : JSON.stringify(r.record)]);
  const out: Record<string, unknown>[] = [];
  for (const [source, lines] of bySource) {
    const split = splitRecords(source, lines.join('\n'), { contentType: TEXT_SOURCES.has(source) ? 'text' : 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 1e6 });
    for (const rec of split.records) {
      const res = mapperFor(source).map(rec.data, { tenantId: 't', eventUid: `e${rec.index}`, receivedAt: 0 });
      if (res.ok) out.push(res.event);
    }
  }
  return out;
}

/** Deterministic mutations that each may or may not break the schema. */
function* mutations(event: Record<string, unknown>, seed: number): Generator<Record<string, unknown>> {
  const paths: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const collect = (node: unknown, depth: number) => {
    if (depth > 5 || typeof node !== 'object' || node === null) return;
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [k, v] of entries) {
      if (k === 'unmapped') continue;
      paths.push([node as Record<string, unknown>, k]);
      collect(v, depth + 1);
    }
  };
  const replacements: unknown[] = [undefined, null, '', 'x', 0, -1, 1.5, 70000, true, [], {}, ['a'], '10.0.0.1', '::1', '1.2.3', 'not-an-ip', 99, 'S-1-5-18'];
  const copy = structuredClone(event);
  collect(copy, 0);
  for (let i = 0; i < 12 && paths.length > 0; i++) {
    const [node, key] = paths[(seed * 31 + i * 17) % paths.length] as [Record<string, unknown>, string];
    const before = node[key];
    const r = i % 3 === 0 ? 'delete' : replacements[(seed + i * 7) % replacements.length];
    if (r === 'delete') delete node[key];
    else node[key] = r;
    yield copy;
    node[key] = before;
  }
  yield { ...copy, zz_unknown_attribute: 1 };
}

describe('fast validator (differential against ajv)', () => {
  const events = scenarioEvents();

  it('agrees with ajv on every scenario event and thousands of mutated ones', () => {
    expect(events.length).toBeGreaterThan(500);
    let checked = 0;
    let rejected = 0;
    const disagreements: string[] = [];
    events.forEach((event, n) => {
      const cls = event['class_uid'] as number;
      const check = fast.def(`class_${cls}`);
      const verdict = (e: Record<string, unknown>) => {
        const a = oracle(cls)(e);
        const f = check(e);
        checked++;
        if (!a) rejected++;
        if (a !== f && disagreements.length < 5) disagreements.push(`class ${cls}: ajv ${a} fast ${f}: ${JSON.stringify(e).slice(0, 300)}`);
      };
      verdict(event);
      if (n % 3 === 0) for (const m of mutations(event, n)) verdict(m);
    });
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
    // The mutations must actually exercise rejections, not only valid events.
    expect(rejected).toBeGreaterThan(300);
  });

  it('compiles every class of the schema (no keyword it does not understand)', () => {
    for (const name of Object.keys(doc.$defs)) expect(typeof fast.def(name)).toBe('function');
  });

  it('applies patterns, maxLength in code points, ranges and presence groups like JSON Schema', () => {
    const ip = fast.def('type_ip_t');
    expect(['10.0.0.1', '::1', 'fe80::1%eth0'].map(ip)).toEqual([true, true, true]);
    expect(['1.2.3', 'host', 'x'.repeat(41)].map(ip)).toEqual([false, false, false]);
    const port = fast.def('type_port_t');
    expect([0, 65535, 65536, -1, 1.5].map(port)).toEqual([true, true, false, false, false]);
    const check = new FastSchemaCompiler({ s: { type: 'string', maxLength: 2 } }).def('s');
    expect(['ab', '😀😀', 'abc'].map(check)).toEqual([true, true, false]);
    expect(() => new FastSchemaCompiler({ s: { type: 'string', format: 'email' } }).def('s')).toThrow(/unsupported keyword format/);
  });
});
