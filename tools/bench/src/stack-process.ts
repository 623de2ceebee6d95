import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

/** A key in the API key format, for SOC_BOOTSTRAP_API_KEY in tests and benchmarks. */
export function generateBootstrapKey(): string {
  const alnum = (n: number): string => {
    const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(randomBytes(n), (b) => abc[b % abc.length]).join('');
  };
  return `soc_${alnum(8)}_${randomBytes(32).toString('base64url')}`;
}

export interface StackProcess {
  url: string;
  apiKey: string;
  child: ChildProcess;
  /** Everything the process wrote, for diagnosing failures. */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StackProcessOptions {
  dataDir: string;
  apiKey: string;
  port: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/**
 * The node arguments of `npm start` (package.json), so benchmarks and tests run the stack with
 * the same flags as users do, without npm's own process in between.
 */
export function startScriptArgs(): string[] {
  const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [cmd, ...args] = (pkg.scripts['start'] ?? '').split(/\s+/).filter(Boolean);
  if (cmd !== 'node') throw new Error(`package.json start script must run node, not '${cmd}'`);
  return args;
}

/**
 * Starts `apps/stack` as a real OS process, as `npm start` does (one process, so a signal hits
 * the server itself) and waits until `/readyz` answers 200. For experiments, SOC_BENCH_NODE_FLAGS
 * (space-separated node flags, added before the start script's) and SOC_BENCH_CPU_PROF (a
 * directory for CPU profiles) reach it.
 */
export async function startStackProcess(opts: StackProcessOptions): Promise<StackProcess> {
  const extra = [...(process.env['SOC_BENCH_NODE_FLAGS'] ? process.env['SOC_BENCH_NODE_FLAGS'].split(' ') : []), ...(process.env['SOC_BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['SOC_BENCH_CPU_PROF']}`] : [])];
  const child = spawn(process.execPath, [...extra, ...startScriptArgs()], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SOC_PORT: String(opts.port),
      SOC_HOST: '127.0.0.1',
      SOC_DATA_DIR: opts.dataDir,
      SOC_BOOTSTRAP_API_KEY: opts.apiKey,
      SOC_LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline && !exitedEarly) {
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return { url, apiKey: opts.apiKey, child, output: () => out, exited };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`stack did not become ready at ${url}:\n${out.slice(-4000)}`);
}
