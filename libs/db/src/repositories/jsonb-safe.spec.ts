import { toJsonbSafe } from './jsonb-safe';

describe('toJsonbSafe', () => {
  it('leaves clean values untouched (same reference)', () => {
    const v = { a: ['x', 1, null, { b: 'é😀' }] };
    expect(toJsonbSafe(v)).toEqual({ value: v, changed: false });
    expect(toJsonbSafe(v).value).toBe(v);
  });

  it('replaces NUL and unpaired surrogates in keys and values, keeping valid pairs', () => {
    const out = toJsonbSafe({ 'k\u0000': ['a\u0000b', '\ud800x', 'y\udc00', '😀'] });
    expect(out).toEqual({ value: { 'k\uFFFD': ['a\uFFFDb', '\uFFFDx', 'y\uFFFD', '😀'] }, changed: true });
  });

  it('does not mistake an escaped backslash followed by u0000 for NUL', () => {
    const v = 'literal \\u0000 text';
    expect(toJsonbSafe(v)).toEqual({ value: v, changed: false });
  });

  it('maps undefined to null', () => {
    expect(toJsonbSafe(undefined)).toEqual({ value: null, changed: false });
  });
});
