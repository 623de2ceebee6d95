import { compact } from './compact';
import { buildExecutableFile } from './file';
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
 * a process known only by name goes to the caller's `unmapped`). Empty values are dropped and
 * objects compacted, attribute by attribute in a fixed order.
 */
export function buildProcess(input: ProcessInput): Record<string, unknown> | undefined {
  const pid = parsePid(input.pid);
  const uid = input.uid?.trim() || undefined;
  if (pid === undefined && uid === undefined) return undefined;
  const file = input.path ? buildExecutableFile(input.path, input.hashes) : undefined;
  // One named store per attribute: a store through a shared helper with the key as a
  // parameter sees every key and object layout and is several times slower (runs per event).
  const out: Record<string, unknown> = {};
  if (pid !== undefined) out['pid'] = pid;
  if (uid !== undefined) out['uid'] = uid;
  const name = compact(input.name ?? (file?.['name'] as string | undefined));
  if (name !== undefined) out['name'] = name;
  const cmdLine = compact(input.cmd_line);
  if (cmdLine !== undefined) out['cmd_line'] = cmdLine;
  if (file !== undefined) out['file'] = file;
  const user = compact(input.user);
  if (user !== undefined) out['user'] = user;
  const parent = compact(input.parent_process);
  if (parent !== undefined) out['parent_process'] = parent;
  const integrityId = compact(input.integrity_id);
  if (integrityId !== undefined) out['integrity_id'] = integrityId;
  const integrity = compact(input.integrity ?? (input.integrity_id === undefined ? undefined : INTEGRITY[input.integrity_id]));
  if (integrity !== undefined) out['integrity'] = integrity;
  const workingDirectory = compact(input.working_directory);
  if (workingDirectory !== undefined) out['working_directory'] = workingDirectory;
  const tid = parsePid(input.tid);
  if (tid !== undefined) out['tid'] = tid;
  const created = compact(input.created_time);
  if (created !== undefined) out['created_time'] = created;
  const terminated = compact(input.terminated_time);
  if (terminated !== undefined) out['terminated_time'] = terminated;
  const session = compact(input.session);
  if (session !== undefined) out['session'] = session;
  return out;
}
