import { FormatRegistry } from '@sinclair/typebox';

// RFC 3339 date-time, the format every envelope timestamp uses.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * TypeBox's compiled checker rejects any value whose schema names an unregistered format, so
 * the envelope's `date-time` must be registered before consumers can validate anything.
 * Registration is global and idempotent; an existing registration (e.g. from another lib) wins.
 */
export function ensureDateTimeFormat(): void {
  if (FormatRegistry.Has('date-time')) return;
  FormatRegistry.Set('date-time', (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
}
