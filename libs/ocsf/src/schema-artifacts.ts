import { readFileSync } from 'node:fs';
import path from 'node:path';

/** OCSF version the compiled artifacts describe and every mapper emits. */
export const OCSF_VERSION = '1.8.0';

/** Directory of the committed artifacts produced by `npm run ocsf:compile`. */
export const OCSF_GENERATED_DIR = path.resolve(__dirname, '../generated');

/** Reads one generated artifact (`schema` or `meta`) as parsed JSON. */
export function readOcsfArtifact(kind: 'schema' | 'meta'): unknown {
  return JSON.parse(readFileSync(path.join(OCSF_GENERATED_DIR, `ocsf-${OCSF_VERSION}.${kind}.json`), 'utf8'));
}
