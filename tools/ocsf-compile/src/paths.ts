import path from 'node:path';

/** Repository root (this file lives in tools/ocsf-compile/src). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The OCSF 1.8.0 schema source, read in place from the shared corpora. */
export const OCSF_SOURCE_DIR = path.resolve(REPO_ROOT, '../shared/corpora/ocsf/ocsf-schema-1.8.0');

/** Where the committed artifacts live. */
export const GENERATED_DIR = path.resolve(REPO_ROOT, 'libs/ocsf/generated');

/** File names of the artifacts for a schema version. */
export function artifactPaths(version: string): { schema: string; meta: string } {
  return {
    schema: path.join(GENERATED_DIR, `ocsf-${version}.schema.json`),
    meta: path.join(GENERATED_DIR, `ocsf-${version}.meta.json`),
  };
}
