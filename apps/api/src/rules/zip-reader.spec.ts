import { buildZip } from './zip-fixture';
import { DEFAULT_ZIP_LIMITS, readZip } from './zip-reader';

const all = () => true;
const text = (s: string) => Buffer.from(s, 'utf8');

describe('readZip', () => {
  it('reads stored and deflated entries, skipping directories and unselected files', () => {
    const zip = buildZip([
      { path: 'rules/', data: Buffer.alloc(0), method: 0 },
      { path: 'rules/a.yml', data: text('title: a\n'.repeat(50)), method: 8 },
      { path: 'rules/b.yml', data: text('title: b\n'), method: 0 },
      { path: 'README.md', data: text('# readme') },
    ]);
    const got = readZip(zip, (p) => p.endsWith('.yml'));
    expect(got.map((e) => [e.path, e.data.toString('utf8')])).toEqual([
      ['rules/a.yml', 'title: a\n'.repeat(50)],
      ['rules/b.yml', 'title: b\n'],
    ]);
  });

  it('refuses what is not a zip, and truncated or corrupt archives', () => {
    const good = buildZip([{ path: 'a.yml', data: text('title: a\n'.repeat(20)) }]);
    const codeOf = (buf: Buffer) => {
      try {
        readZip(buf, all);
        return 'ok';
      } catch (err) {
        return `${(err as { code: string }).code}:${(err as { details: { reason?: string; limit?: string } }).details.reason ?? ''}`;
      }
    };
    expect(codeOf(text('PK not really'))).toBe('SOC_ERR_ZIP_INVALID:no-end-record');
    expect(codeOf(good.subarray(10))).toMatch(/^SOC_ERR_ZIP_INVALID:/);
    expect(codeOf(buildZip([{ path: 'a.yml', data: text('hello'), crc: 12345 }]))).toBe('SOC_ERR_ZIP_INVALID:bad-crc');
    expect(codeOf(buildZip([{ path: 'a.yml', data: text('hello'), method: 12 }]))).toBe('SOC_ERR_ZIP_INVALID:unsupported-method');
    expect(codeOf(buildZip([{ path: 'a.yml', data: text('hello'), flags: 1 }]))).toBe('SOC_ERR_ZIP_INVALID:encrypted');
    // A header that understates the size: inflation stops at the declared size and the entry is refused.
    expect(codeOf(buildZip([{ path: 'a.yml', data: text('x'.repeat(5000)), declaredSize: 100 }]))).toBe('SOC_ERR_ZIP_INVALID:bad-deflate');
  });

  it('enforces entry count, total size, entry size and compression ratio before inflating', () => {
    const limit = (buf: Buffer, limits = DEFAULT_ZIP_LIMITS) => {
      try {
        readZip(buf, all, limits);
        return 'ok';
      } catch (err) {
        return `${(err as { code: string }).code}:${(err as { details: { limit: string } }).details.limit}`;
      }
    };
    const bomb = buildZip([{ path: 'bomb.yml', data: Buffer.alloc(1_000_000, 0x61) }]);
    expect(limit(bomb)).toBe('SOC_ERR_ZIP_LIMIT_EXCEEDED:ratio');
    const many = buildZip(Array.from({ length: 11 }, (_, i) => ({ path: `f${i}.yml`, data: text(`title: ${i}`) })));
    expect(limit(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).toBe('SOC_ERR_ZIP_LIMIT_EXCEEDED:entries');
    expect(limit(many, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 50 })).toBe('SOC_ERR_ZIP_LIMIT_EXCEEDED:total-size');
    const big = buildZip([{ path: 'big.yml', data: text('y'.repeat(3000)), method: 0 }]);
    expect(limit(big, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 2000 })).toBe('SOC_ERR_ZIP_LIMIT_EXCEEDED:entry-size');
    expect(limit(many)).toBe('ok');
  });
});
