import { emitMeta } from './emit-meta';
import { emitJsonSchema } from './emit-schema';
import { resolveSchema } from './resolve';
import { loadSchemaSource } from './source';

/** The two generated artifacts, serialised exactly as committed. */
export interface CompiledArtifacts {
  version: string;
  schemaJson: string;
  metaJson: string;
}

/** Compiles the OCSF source tree at `schemaRoot` into the JSON Schema and meta artifacts. */
export function compileOcsf(schemaRoot: string): CompiledArtifacts {
  const resolved = resolveSchema(loadSchemaSource(schemaRoot));
  // Observable type ids are computed from the whole schema; the source enum lists only 0/99.
  const observable = resolved.objects['observable']?.attributes['type_id'];
  if (observable) observable.enum = resolved.observableTypes;
  return {
    version: resolved.version,
    schemaJson: `${JSON.stringify(emitJsonSchema(resolved), null, 1)}\n`,
    metaJson: `${JSON.stringify(emitMeta(resolved), null, 1)}\n`,
  };
}
