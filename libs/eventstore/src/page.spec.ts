import { cutPage } from './page';

describe('cutPage', () => {
  const size = (s: string): number => s.length;

  it('cuts at the limit and says there is more when the extra row was fetched', () => {
    expect(cutPage(['a', 'b', 'c'], 2, size)).toEqual({ page: ['a', 'b'], more: true });
    expect(cutPage(['a', 'b'], 2, size)).toEqual({ page: ['a', 'b'], more: false });
  });

  it('cuts by size before the limit, but always returns at least one row', () => {
    expect(cutPage(['aaaa', 'bbbb', 'cc'], 10, size, 9)).toEqual({ page: ['aaaa', 'bbbb'], more: true });
    expect(cutPage(['a'.repeat(50), 'b'], 10, size, 9)).toEqual({ page: ['a'.repeat(50)], more: true });
    expect(cutPage([], 10, size, 9)).toEqual({ page: [], more: false });
  });
});
