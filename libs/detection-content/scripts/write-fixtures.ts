// Regenerates rules/<chain>/<rule>.tests.json from the fixture scenario:
//   npx tsx libs/detection-content/scripts/write-fixtures.ts
// fixtures.spec.ts fails when the committed files differ from a fresh generation.
import { writeFixtures } from '../src/fixtures';

for (const path of writeFixtures()) console.log(path);
