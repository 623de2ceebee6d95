import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { relative } from 'node:path';

/**
 * CPU profile of the timed loop alone (`bench:sigma --profile file.cpuprofile`), so rule
 * parsing and compiling do not dilute it, and a summary of a .cpuprofile by self time (also
 * usable alone: `node --import tsx tools/bench/src/sigma-profile.ts file.cpuprofile`).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/** The parts of a V8 .cpuprofile the summary reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res as T))));
}

/** Runs `work` under the V8 sampling profiler and writes the profile to `path` (Chrome DevTools format). */
export async function profileToFile<T>(path: string, work: () => T): Promise<T> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    const out = work();
    const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    return out;
  } finally {
    session.disconnect();
  }
}

/** One function's share of the samples. */
export interface SelfTime {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

/**
 * `file:line` of a frame in the TypeScript source. tsx emits each module on a few long lines,
 * so the generated position is mapped back through the module's source map when this process
 * loaded it (true for the in-process profile); otherwise the generated line:column is shown.
 */
function locate(f: ProfileNode['callFrame']): { file: string; line: string } {
  if (!f.url) return { file: '(native)', line: '' };
  const path = f.url.replace(/^file:\/\//, '');
  const file = f.url.startsWith('node:') ? f.url : relative(process.cwd(), path);
  const entry = findSourceMap(path)?.findEntry(f.lineNumber, f.columnNumber);
  if (entry && 'originalLine' in entry) return { file, line: String(entry.originalLine + 1) };
  return { file, line: `${f.lineNumber + 1}:${f.columnNumber + 1}` };
}

/** Self time per function (name + file:line), largest first; `top` rows. */
export function summarizeProfile(profile: CpuProfile, top = 30): { totalMs: number; functions: SelfTime[]; byFile: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fns = new Map<string, SelfTime>();
  const files = new Map<string, SelfTime>();
  let total = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    total += us;
    const { file, line } = locate(f);
    const where = `${file}:${line}`;
    const row = fns.get(where) ?? { fn: f.functionName || '(anonymous)', where, ms: 0, share: 0 };
    row.ms += us / 1000;
    fns.set(where, row);
    const frow = files.get(file) ?? { fn: '', where: file, ms: 0, share: 0 };
    frow.ms += us / 1000;
    files.set(file, frow);
  }
  const finish = (rows: Iterable<SelfTime>) =>
    [...rows]
      .map((r) => ({ ...r, ms: Math.round(r.ms), share: Math.round((r.ms * 1000 * 1000) / total) / 1000 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return { totalMs: Math.round(total / 1000), functions: finish(fns.values()), byFile: finish(files.values()) };
}

/** Reads a .cpuprofile written by `profileToFile` or `node --cpu-prof`. */
export function readProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

if (require.main === module) {
  const path = process.argv[2];
  if (!path) throw new Error('usage: sigma-profile.ts <file.cpuprofile>');
  process.stdout.write(`${JSON.stringify(summarizeProfile(readProfile(path), 40), null, 2)}\n`);
}
