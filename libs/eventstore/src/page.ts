/**
 * Most characters of event JSON one search page returns. `limit` bounds the count, but one
 * event can be large (its `unmapped` bag is free-form), so a page is also cut by size; the
 * cursor then continues right after the last event returned.
 */
export const MAX_SEARCH_PAGE_CHARS = 8 * 1024 * 1024;

/**
 * The page to return from `rows` (fetched with LIMIT limit + 1): at most `limit` rows and at
 * most `maxChars` of content, but always at least one row. `more` says whether a next page exists.
 */
export function cutPage<R>(rows: readonly R[], limit: number, sizeOf: (row: R) => number, maxChars = MAX_SEARCH_PAGE_CHARS): { page: R[]; more: boolean } {
  const page: R[] = [];
  let chars = 0;
  for (const row of rows) {
    if (page.length >= limit) break;
    const size = sizeOf(row);
    if (page.length > 0 && chars + size > maxChars) break;
    page.push(row);
    chars += size;
  }
  return { page, more: rows.length > page.length };
}
