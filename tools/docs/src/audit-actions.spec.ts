import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AUDIT_ACTIONS } from '@soc/db';

const ROOT = resolve(__dirname, '../../..');

describe('docs/audit.md', () => {
  it('lists exactly the actions of the audit catalog, each with its meaning', () => {
    const doc = readFileSync(join(ROOT, 'docs/audit.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_.]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(AUDIT_ACTIONS));
  });
});
