import { Rng } from '../rng';
import { hostGuid, makeProc, type Proc } from '../emit/sysmon';
import { IMAGES, imagePath, type ImageMeta } from '../emit/images';
import type { WinAccount } from '../emit/windows';
import type { Host, User, World } from '../world/types';

/** A user's logon session on their workstation and the long-running apps in it. */
export interface Session {
  account: WinAccount;
  logonId: number;
  logonGuid: string;
  explorer: Proc;
  userinit: Proc;
  apps: Record<'chrome' | 'outlook' | 'teams' | 'onedrive' | 'slack' | 'code', Proc>;
}

/** Domain account of a user as Security events name it. */
export function accountOf(world: World, user: User): WinAccount {
  return { sid: user.sid, name: user.sam, domain: world.company.adDomain };
}

function userProc(host: Host, key: string, meta: ImageMeta, user: User, s: { logonId: number; logonGuid: string; domain: string }, commandLine: string): Proc {
  const image = imagePath(meta, user.sam);
  return makeProc(host, key, {
    meta, image, commandLine: commandLine.replace('%IMAGE%', image), user: `${s.domain}\\${user.sam}`, logonId: s.logonId, logonGuid: s.logonGuid,
    integrity: 'Medium', cwd: `C:\\Users\\${user.sam}\\`, session: 1,
  });
}

/** The session of `user` on local day `day`; deterministic so any slice can rebuild it. */
export function sessionOf(world: World, host: Host, user: User, day: number): Session {
  const rng = Rng.of('session', host.name, user.sam, day);
  const logonId = 0x100000 + rng.int(0, 0xfffffff);
  const s = { logonId, logonGuid: hostGuid(host, `logon:${user.sam}:${day}`), domain: world.company.adDomain };
  const k = (app: string): string => `${user.sam}:${day}:${app}`;
  return {
    account: accountOf(world, user),
    logonId,
    logonGuid: s.logonGuid,
    userinit: userProc(host, k('userinit'), IMAGES['userinit'] as ImageMeta, user, s, 'C:\\Windows\\system32\\userinit.exe'),
    explorer: userProc(host, k('explorer'), IMAGES['explorer'] as ImageMeta, user, s, 'C:\\Windows\\Explorer.EXE'),
    apps: {
      chrome: userProc(host, k('chrome'), IMAGES['chrome'] as ImageMeta, user, s, '"%IMAGE%" '),
      outlook: userProc(host, k('outlook'), IMAGES['outlook'] as ImageMeta, user, s, '"%IMAGE%" '),
      teams: userProc(host, k('teams'), IMAGES['teams'] as ImageMeta, user, s, '"%IMAGE%" --system-initiated'),
      onedrive: userProc(host, k('onedrive'), IMAGES['onedrive'] as ImageMeta, user, s, '"%IMAGE%" /background'),
      slack: userProc(host, k('slack'), IMAGES['slack'] as ImageMeta, user, s, '"%IMAGE%" --startup'),
      code: userProc(host, k('code'), IMAGES['code'] as ImageMeta, user, s, '"%IMAGE%" '),
    },
  };
}

/** A child process started by `parent` in the same session. */
export function childOf(host: Host, parent: Proc, key: string, meta: ImageMeta, commandLine: string, sam: string, integrity: Proc['integrity'] = parent.integrity): Proc {
  const image = imagePath(meta, sam);
  return makeProc(host, key, { ...parent, meta, image, commandLine: commandLine.replace('%IMAGE%', image), integrity });
}

/** A SYSTEM process (services, scheduled tasks, management agents). */
export function systemProc(host: Host, key: string, meta: ImageMeta, commandLine: string): Proc {
  return makeProc(host, key, {
    meta, image: meta.path, commandLine, user: 'NT AUTHORITY\\SYSTEM', logonId: 0x3e7, logonGuid: hostGuid(host, 'logon:system'),
    integrity: 'System', cwd: 'C:\\Windows\\system32\\', session: 0,
  });
}
