import type { TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';

/** The first five schema errors of `value` as `path: message` pairs, `; `-joined, for dead-letter reasons. */
export function schemaErrorsText<S extends TSchema>(checker: TypeCheck<S>, value: unknown): string {
  return [...checker.Errors(value)]
    .slice(0, 5)
    .map((e) => `${e.path || '/'}: ${e.message}`)
    .join('; ');
}
