import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The repository root (this file lives in tools/deploy-check/src). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Absolute path of a file given relative to the repository root. */
export function repoPath(relative: string): string {
  return path.join(REPO_ROOT, relative);
}

/** Text of a repository file. */
export function readRepoFile(relative: string): string {
  return readFileSync(repoPath(relative), 'utf8');
}

/** A repository YAML file parsed with merge keys (`<<: *anchor`) resolved, as compose does. */
export function readRepoYaml(relative: string): unknown {
  return parse(readRepoFile(relative), { merge: true });
}

/** Narrows a parsed YAML node to a plain mapping, or throws naming the file and key. */
export function asMap(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where} is not a mapping`);
  return value as Record<string, unknown>;
}
