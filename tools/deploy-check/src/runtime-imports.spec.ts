import { readRepoFile } from './repo';
import { runtimePackages } from './runtime-imports';

describe('image dependencies', () => {
  it('every package the stack loads at runtime is a production dependency (the image omits dev ones)', () => {
    const pkg = JSON.parse(readRepoFile('package.json')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    const entry = /\S+\.ts$/.exec(pkg.scripts.start ?? '')?.[0] ?? '';
    expect(entry).toBe('apps/stack/src/main.ts');
    const { packages, files } = runtimePackages(entry);
    expect(files.length).toBeGreaterThan(20);
    // .dockerignore drops specs and benchmarks from the image: the running code must not need them.
    expect(files.filter((f) => f.endsWith('.spec.ts') || f.split('/').includes('bench'))).toEqual([]);
    // Loaded by the PGlite worker through require.resolve, so the scan must see it too.
    for (const p of ['fastify', '@electric-sql/pglite']) expect(packages.has(p)).toBe(true);
    expect([...packages].filter((p) => !(p in pkg.dependencies)).sort()).toEqual([]);
  });
});
