import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { REPO_ROOT, readRepoFile } from './repo';

const BUILTINS = new Set(builtinModules);
// Runtime imports only: `import type` / `export type` are erased before the code runs.
const IMPORT = /(?:^|[\s;(,=])(?:import(?!\s+type\b)[^'"]*?from\s*|import\s*\(\s*|import\s+|require(?:\.resolve)?\s*\(\s*|export(?!\s+type\b)[^'"]*?from\s*)['"]([^'"]+)['"]/g;

function aliases(): Map<string, string> {
  const base = JSON.parse(readRepoFile('tsconfig.base.json')) as { compilerOptions: { paths: Record<string, string[]> } };
  return new Map(Object.entries(base.compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(REPO_ROOT, target as string)]));
}

function resolveLocal(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  throw new Error(`${path.relative(REPO_ROOT, from)}: cannot resolve '${spec}'`);
}

/** The npm package a bare specifier names (`@scope/name/sub` -> `@scope/name`). */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/**
 * Every npm package the code reachable from `entry` loads at runtime, following relative
 * imports and the `@soc/*` path aliases. This is what the image's `--omit=dev` install must hold.
 */
export function runtimePackages(entry: string): { packages: Set<string>; files: string[] } {
  const alias = aliases();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [path.join(REPO_ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) queue.push(resolveLocal(file, spec));
      else if (alias.has(spec)) queue.push(alias.get(spec) as string);
      else if (!spec.startsWith('node:') && !BUILTINS.has(spec)) packages.add(packageName(spec));
    }
  }
  return { packages, files: [...seen].map((f) => path.relative(REPO_ROOT, f)) };
}
