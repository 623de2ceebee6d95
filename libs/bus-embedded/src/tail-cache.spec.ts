import type { LogRecord } from './record-codec';
import { TailCache } from './tail-cache';

const rec = (offset: number, size: number): LogRecord => ({ offset, timestamp: 0, key: 'k', value: 'v'.repeat(size - 1) });

describe('TailCache', () => {
  it('keeps the newest records up to its record count', () => {
    const cache = new TailCache(4, 10);
    for (let o = 10; o < 16; o++) cache.push(rec(o, 10));
    expect(cache.has(11)).toBe(false);
    expect(cache.has(12)).toBe(true);
    expect(cache.slice(12, 100).map((r) => r.offset)).toEqual([12, 13, 14, 15]);
    expect(cache.held).toEqual({ records: 4, bytes: 40 });
  });

  it('drops the oldest records beyond its byte bound, however many records it may hold', () => {
    const cache = new TailCache(8192, 0, 1000);
    for (let o = 0; o < 2000; o++) cache.push(rec(o, 100));
    expect(cache.held).toEqual({ records: 10, bytes: 1000 });
    expect(cache.has(1989)).toBe(false);
    expect(cache.slice(1990, 5).map((r) => r.offset)).toEqual([1990, 1991, 1992, 1993, 1994]);
  });

  it('holds a request of small records that a record count of 1,024 could not', () => {
    // One ingest request of 2,000 records of about 1 KB lands in one partition.
    const cache = new TailCache(8192, 0, 4 * 1024 * 1024);
    for (let o = 0; o < 2000; o++) cache.push(rec(o, 1100));
    expect(cache.has(0)).toBe(true);
    expect(cache.slice(0, 1000)).toHaveLength(1000);
  });

  it('keeps the newest record even when it alone is over the byte bound', () => {
    const cache = new TailCache(16, 0, 100);
    cache.push(rec(0, 50));
    cache.push(rec(1, 500));
    expect(cache.has(0)).toBe(false);
    expect(cache.slice(1, 1).map((r) => r.offset)).toEqual([1]);
    cache.push(rec(2, 10));
    expect(cache.held).toEqual({ records: 1, bytes: 10 });
  });
});
