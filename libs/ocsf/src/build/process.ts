import { putCompact } from './compact';
import { buildFile } from './file';
import type { Fingerprint } from './hashes';

/** Inputs of {@link buildProcess}. */
export interface ProcessInput {
  pid?: number | string;
  /** Stable process id from the source (Sysmon ProcessGuid). */
  uid?: string;
  name?: string;
  /** Executable path; becomes `file` and gives `name` when absent. */
  path?: string;
  cmd_line?: string;
  hashes?: Fingerprint[];
  user?: Record<string, unknown>;
  parent_process?: Record<string, unknown>;
  /** OCSF integrity_id: 0 Unknown, 1 Untrusted, 2 Low, 3 Medium, 4 High, 5 System, 6 Protected, 99 Other. */
  integrity_id?: number;
  integrity?: string;
  working_directory?: string;
  tid?: number | string;
  created_time?: number;
  terminated_time?: number;
  session?: Record<string, unknown>;
}

/**
 * Parses a process or thread id: decimal (`1234`) or hexadecimal (`0x4d2`, as Windows
 * Security events write them). Returns `undefined` for anything else.
 */
export function parsePid(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (HEX_PID.test(s)) return parseInt(s, 16);
  if (DECIMAL_PID.test(s)) return Number(s);
  return undefined;
}

const HEX_PID = /^0x[0-9a-f]+$/i;
const DECIMAL_PID = /^\d+$/;

const INTEGRITY: Record<number, string> = { 0: 'Unknown', 1: 'Untrusted', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'System', 6: 'Protected', 99: 'Other' };

/**
 * Builds an OCSF `process`, or `undefined` when it has no pid/uid (the schema requires one;
 * a process known only by name goes to the caller's `unmapped`).
 */
export function buildProcess(input: ProcessInput): Record<string, unknown> | undefined {
  const pid = parsePid(input.pid);
  const uid = input.uid?.trim() || undefined;
  if (pid === undefined && uid === undefined) return undefined;
  const file = input.path ? buildFile({ path: input.path, type_id: 1, ...(input.hashes ? { hashes: input.hashes } : {}) }) : undefined;
  const out: Record<string, unknown> = {};
  putCompact(out, 'pid', pid);
  putCompact(out, 'uid', uid);
  putCompact(out, 'name', input.name ?? (file?.['name'] as string | undefined));
  putCompact(out, 'cmd_line', input.cmd_line);
  putCompact(out, 'file', file);
  putCompact(out, 'user', input.user);
  putCompact(out, 'parent_process', input.parent_process);
  putCompact(out, 'integrity_id', input.integrity_id);
  putCompact(out, 'integrity', input.integrity ?? (input.integrity_id === undefined ? undefined : INTEGRITY[input.integrity_id]));
  putCompact(out, 'working_directory', input.working_directory);
  putCompact(out, 'tid', parsePid(input.tid));
  putCompact(out, 'created_time', input.created_time);
  putCompact(out, 'terminated_time', input.terminated_time);
  putCompact(out, 'session', input.session);
  return out;
}
