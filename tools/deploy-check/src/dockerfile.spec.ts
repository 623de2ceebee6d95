import { existsSync } from 'node:fs';
import { type DockerInstruction, execForm, parseDockerfile } from './dockerfile';
import { knownSocVariables, socVariablesIn } from './env-refs';
import { readRepoFile, repoPath } from './repo';

const instructions = parseDockerfile(readRepoFile('deploy/Dockerfile'));
const all = (keyword: string): DockerInstruction[] => instructions.filter((i) => i.keyword === keyword);
const last = (keyword: string): string => all(keyword).at(-1)?.args ?? '';
/** Instructions of the final stage (after the last FROM): what the runtime image is made of. */
const runtime = instructions.slice(instructions.map((i) => i.keyword).lastIndexOf('FROM'));

describe('deploy/Dockerfile', () => {
  it('is a multi-stage build on node:20-bookworm-slim', () => {
    expect(all('FROM').length).toBeGreaterThanOrEqual(2);
    expect(all('ARG').map((a) => a.args)).toContain('NODE_IMAGE=node:20-bookworm-slim');
    for (const from of all('FROM')) expect(from.args).toMatch(/^\$\{NODE_IMAGE\} AS \w+$/);
  });

  it('installs with npm install from the lockfile (not npm ci) and leaves dev dependencies out', () => {
    const install = all('RUN').find((r) => r.args.includes('npm install'));
    expect(install?.args).toMatch(/npm install --no-audit --no-fund --omit=dev/);
    expect(instructions.some((i) => /\bnpm ci\b/.test(i.args))).toBe(false);
    // tsx runs the TypeScript sources at runtime, so omitting dev dependencies must keep it.
    const pkg = JSON.parse(readRepoFile('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty('tsx');
  });

  it('runs as the fixed non-root user 10001', () => {
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1)?.args ?? '';
    expect(user.split(':')[0]).toBe('10001');
    expect(runtime.some((i) => i.keyword === 'RUN' && /useradd[^&]*--uid 10001/.test(i.args))).toBe(true);
  });

  it('ENTRYPOINT is exactly the package.json start script', () => {
    const pkg = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };
    expect(execForm(last('ENTRYPOINT')).join(' ')).toBe(pkg.scripts.start);
  });

  it('has a HEALTHCHECK running the node healthcheck script that the image contains', () => {
    const hc = last('HEALTHCHECK');
    const cmd = execForm(hc.slice(hc.indexOf('CMD') + 3).trim());
    expect(cmd).toEqual(['node', 'deploy/healthcheck.mjs']);
    expect(existsSync(repoPath('deploy/healthcheck.mjs'))).toBe(true);
    expect(runtime.some((i) => i.keyword === 'COPY' && i.args === 'deploy/healthcheck.mjs ./deploy/healthcheck.mjs')).toBe(true);
  });

  it('exposes HTTP and syslog, keeps data on the /data volume', () => {
    expect(last('EXPOSE').split(/\s+/)).toEqual(expect.arrayContaining(['8080', '5514/tcp', '5514/udp']));
    expect(last('VOLUME')).toBe('["/data"]');
    expect(all('ENV').map((e) => e.args).join(' ')).toMatch(/SOC_DATA_DIR=\/data/);
  });

  it('copies only paths that exist and names only SOC_* variables the stack reads', () => {
    for (const copy of all('COPY').filter((c) => !c.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1);
      for (const src of sources) expect({ src, exists: existsSync(repoPath(src)) }).toEqual({ src, exists: true });
    }
    const known = knownSocVariables();
    expect(socVariablesIn(readRepoFile('deploy/Dockerfile')).filter((v) => !known.has(v))).toEqual([]);
  });

  it('.dockerignore keeps node_modules, git history and env files out of the build context', () => {
    const ignore = readRepoFile('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', '.git', '**/*.env', 'deploy/env']));
  });
});
