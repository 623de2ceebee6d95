import { mkdirSync, writeFileSync } from 'node:fs';
import { compileOcsf } from './compile';
import { GENERATED_DIR, OCSF_SOURCE_DIR, artifactPaths } from './paths';

// `npm run ocsf:compile [schemaDir]`: regenerates libs/ocsf/generated from the OCSF source.
const sourceDir = process.argv[2] ?? OCSF_SOURCE_DIR;
const out = compileOcsf(sourceDir);
const paths = artifactPaths(out.version);
mkdirSync(GENERATED_DIR, { recursive: true });
writeFileSync(paths.schema, out.schemaJson);
writeFileSync(paths.meta, out.metaJson);
process.stdout.write(`ocsf-compile: wrote ${paths.schema} (${out.schemaJson.length} bytes) and ${paths.meta}\n`);
