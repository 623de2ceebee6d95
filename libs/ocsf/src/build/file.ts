import { compact, putCompact } from './compact';
import type { Fingerprint } from './hashes';

/** OCSF file.type_id values used by mappers. */
export const FILE_TYPE = { Unknown: 0, RegularFile: 1, Folder: 2, NamedPipe: 6, SymbolicLink: 7, Executable: 8, Other: 99 } as const;

/** Inputs of {@link buildFile}. */
export interface FileInput {
  path?: string;
  name?: string;
  type_id?: number;
  hashes?: Fingerprint[];
  size?: number;
  uid?: string;
  owner?: Record<string, unknown>;
  created_time?: number;
  modified_time?: number;
  accessed_time?: number;
  company_name?: string;
  product?: Record<string, unknown>;
  version?: string;
  desc?: string;
  signature?: Record<string, unknown>;
}

/**
 * Splits a Windows or POSIX path into parent folder and base name. Both separators are
 * accepted because Windows events mix them (`C:\\Windows/system32\\x.exe`).
 */
export function splitPath(p: string): { parent?: string; name: string } {
  let end = p.length;
  while (end > 0 && (p.charCodeAt(end - 1) === 0x5c || p.charCodeAt(end - 1) === 0x2f)) end--;
  const trimmed = end === p.length ? p : p.slice(0, end);
  const idx = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  if (idx < 0) return { name: trimmed };
  return { parent: trimmed.slice(0, idx) || trimmed.slice(0, 1), name: trimmed.slice(idx + 1) };
}

/**
 * Builds an OCSF `file` object (name and type_id are required by the schema: the name is
 * derived from the path when not given). Returns `undefined` when neither is known.
 */
export function buildFile(input: FileInput): Record<string, unknown> | undefined {
  const path = input.path?.trim() || undefined;
  const split = path ? splitPath(path) : undefined;
  const name = input.name?.trim() || split?.name;
  if (!name) return undefined;
  const type_id = input.type_id ?? FILE_TYPE.Unknown;
  // The derived fields override the input's, at the input's key position (as a spread would).
  const derived: Record<string, unknown> = { name, path, parent_folder: split?.parent, type_id, type: FILE_TYPE_CAPTION[type_id] };
  const out: Record<string, unknown> = {};
  const rec = input as Record<string, unknown>;
  for (const k in rec) {
    if (!Object.prototype.hasOwnProperty.call(rec, k)) continue;
    putCompact(out, k, Object.prototype.hasOwnProperty.call(derived, k) ? derived[k] : rec[k]);
  }
  for (const k of DERIVED_KEYS) if (!Object.prototype.hasOwnProperty.call(rec, k)) putCompact(out, k, derived[k]);
  return out;
}

const DERIVED_KEYS = ['name', 'path', 'parent_folder', 'type_id', 'type'] as const;

const FILE_TYPE_CAPTION: Record<number, string> = {
  0: 'Unknown', 1: 'Regular File', 2: 'Folder', 6: 'Named Pipe', 7: 'Symbolic Link', 8: 'Executable File', 99: 'Other',
};

/**
 * `buildFile({ path, type_id: 1, hashes })` (the `hashes` key only when given), the file of
 * every process, built with a named store per attribute in the order buildFile gives for that
 * input: path, type_id, hashes, name, parent_folder, type.
 */
export function buildExecutableFile(path: string, hashes: Fingerprint[] | undefined): Record<string, unknown> | undefined {
  const trimmed = path.trim() || undefined;
  const split = trimmed ? splitPath(trimmed) : undefined;
  const name = split?.name;
  if (!name) return undefined;
  const out: Record<string, unknown> = {};
  if (trimmed !== undefined) out['path'] = trimmed;
  out['type_id'] = FILE_TYPE.RegularFile;
  if (hashes) {
    const kept = compact(hashes);
    if (kept !== undefined) out['hashes'] = kept;
  }
  out['name'] = name;
  if (split.parent !== undefined && split.parent !== '') out['parent_folder'] = split.parent;
  out['type'] = 'Regular File';
  return out;
}
