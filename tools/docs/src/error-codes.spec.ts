import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) yield p;
  }
}

describe('docs/errors.md', () => {
  it('documents every SOC_ERR_* code the source can produce', () => {
    const used = new Set<string>();
    for (const top of ['apps', 'libs', 'tools']) {
      for (const f of sourceFiles(join(ROOT, top))) {
        for (const m of readFileSync(f, 'utf8').matchAll(/'(SOC_ERR_[A-Z0-9_]+)'/g)) if (m[1]) used.add(m[1]);
      }
    }
    const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const missing = [...used].filter((c) => !doc.includes(`\`${c}\``));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });
});
