import { IMAGES, type ImageMeta } from '../emit/images';
import { sysmon1, sysmon11, type Proc } from '../emit/sysmon';
import { failed4625, logoff4634, logon4624, privileges4672, winEvent } from '../emit/windows';
import { HTTP_DESTINATIONS, SAAS_DESTINATIONS } from '../world/names';
import type { Host, User } from '../world/types';
import { hostOf, timeIn, type SliceCtx } from './context';
import { outbound } from './network';
import { activeWindow, plansOverlapping, type DayPlan } from './plan';
import { childOf, sessionOf, systemProc, type Session } from './session';
import { kerberosLogon } from './windows-servers';

const IMG = IMAGES as Record<string, ImageMeta>;
const HOUR = 3_600_000;

function logonSequence(ctx: SliceCtx, host: Host, user: User, p: DayPlan, s: Session): void {
  const { sink, rng } = ctx;
  let t = p.logonAt;
  if (p.typo) {
    sink.add(t - 9_000, 'windows', winEvent(t - 9_000, { host, channel: 'Security', eventId: 4625, data: failed4625(host, s.account, '0xc000006a', 2, '127.0.0.1') }));
  }
  kerberosLogon(ctx, host, user, t - 400);
  sink.add(t, 'windows', winEvent(t, { host, channel: 'Security', eventId: 4624, data: logon4624(host, { target: s.account, logonId: s.logonId, logonType: 2, auth: 'Negotiate', workstation: host.name, ip: '127.0.0.1', port: 0, logonGuid: `{${s.logonGuid}}`, processName: 'C:\\Windows\\System32\\svchost.exe', elevated: user.admin }) }));
  if (user.admin) sink.add(t, 'windows', winEvent(t, { host, channel: 'Security', eventId: 4672, data: privileges4672(s.account, s.logonId) }));
  const winlogon = systemProc(host, 'winlogon', { ...(IMG['svchost'] as ImageMeta), path: 'C:\\Windows\\System32\\winlogon.exe', description: 'Windows Logon Application' }, 'winlogon.exe');
  t += rng.int(800, 2_000);
  sink.add(t, 'windows', sysmon1(host, t, s.userinit, winlogon));
  t += rng.int(300, 900);
  sink.add(t, 'windows', sysmon1(host, t, s.explorer, s.userinit));
  const apps: Proc[] = [s.apps.onedrive, s.apps.teams, s.apps.outlook, s.apps.chrome];
  if (user.engineer) apps.push(s.apps.slack, s.apps.code);
  for (const app of apps) {
    t += rng.int(2_000, 40_000);
    sink.add(t, 'windows', sysmon1(host, t, app, s.explorer));
  }
}

function logoffSequence(ctx: SliceCtx, host: Host, p: DayPlan, s: Session): void {
  const t = p.logoffAt;
  ctx.sink.add(t, 'windows', winEvent(t, { host, channel: 'Security', eventId: 4647, data: { TargetUserSid: s.account.sid, TargetUserName: s.account.name, TargetDomainName: s.account.domain, TargetLogonId: `0x${s.logonId.toString(16)}` } }));
  ctx.sink.add(t + 1_500, 'windows', winEvent(t + 1_500, { host, channel: 'Security', eventId: 4634, data: logoff4634(s.account, s.logonId, 2) }));
}

const DOC_NAMES = ['Q1 forecast', 'Team offsite agenda', 'Customer onboarding checklist', 'Budget 2026', 'Pipeline review', 'Contract draft v3', 'Release notes'];

function processActivity(ctx: SliceCtx, host: Host, user: User, s: Session, t: number): void {
  const { rng, sink } = ctx;
  const kind = rng.weighted<string>([['office', 3], ['system', 4], ['dev', user.engineer ? 5 : 0], ['cmd', 1], ['admin', user.admin ? 4 : 0]]);
  const key = `${user.sam}:${t}`;
  if (kind === 'office') {
    const doc = rng.pick(DOC_NAMES);
    const [meta, ext] = rng.chance(0.5) ? [IMG['winword'], 'docx'] : [IMG['excel'], 'xlsx'];
    const p = childOf(host, s.explorer, key, meta as ImageMeta, `"%IMAGE%" /n "C:\\Users\\${user.sam}\\OneDrive - Kestrel Analytics\\Documents\\${doc}.${ext}"`, user.sam);
    sink.add(t, 'windows', sysmon1(host, t, p, s.explorer));
  } else if (kind === 'system') {
    const svc = systemProc(host, 'svchost-netsvcs', IMG['svchost'] as ImageMeta, 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule');
    const [meta, cmd] = rng.pick<[string, string]>([
      ['backgroundTaskHost', 'C:\\Windows\\system32\\backgroundTaskHost.exe -ServerName:BackgroundTaskHost.WebAccountProvider'],
      ['searchProtocolHost', '"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe1_ Global\\UsGthrCtrlFltPipeMssGthrPipe1 1 -2147483646 "Software\\Microsoft\\Windows Search"'],
      ['taskhostw', 'taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly'],
      ['gpupdate', 'gpupdate.exe /target:computer'],
    ]);
    sink.add(t, 'windows', sysmon1(host, t, systemProc(host, key, IMG[meta] as ImageMeta, cmd), svc));
  } else if (kind === 'dev') {
    const p = childOf(host, s.apps.code, key, IMG['git'] as ImageMeta, `"%IMAGE%" ${rng.pick(['fetch --all --prune', 'status -z -uall', 'pull --rebase', 'push origin HEAD', 'log --oneline -n 50'])}`, user.sam);
    sink.add(t, 'windows', sysmon1(host, t, p, s.apps.code));
  } else if (kind === 'cmd') {
    const cmd = childOf(host, s.explorer, key, IMG['cmd'] as ImageMeta, '"C:\\Windows\\system32\\cmd.exe" ', user.sam);
    sink.add(t, 'windows', sysmon1(host, t, cmd, s.explorer));
    const tool = childOf(host, cmd, key + ':c', { ...(IMG['cmd'] as ImageMeta), path: 'C:\\Windows\\System32\\ipconfig.exe', description: 'IP Configuration Utility', originalFileName: 'ipconfig.exe' }, 'ipconfig  /all', user.sam);
    sink.add(t + 4_000, 'windows', sysmon1(host, t + 4_000, tool, cmd));
  } else {
    adminPowerShell(ctx, host, user, s, t);
  }
}

/** Benign but suspicious-looking: IT staff run PowerShell against AD and remote servers. */
function adminPowerShell(ctx: SliceCtx, host: Host, user: User, s: Session, t: number): void {
  const { rng, sink } = ctx;
  const script = rng.pick([
    'powershell.exe -NoProfile -ExecutionPolicy Bypass -File \\\\KST-FS01\\IT$\\scripts\\Get-StaleAccounts.ps1',
    'powershell.exe -Command "Get-ADUser -Filter * -Properties LastLogonDate | Where-Object {$_.LastLogonDate -lt (Get-Date).AddDays(-90)}"',
    'powershell.exe -NoProfile -Command "Invoke-Command -ComputerName KST-APP01 -ScriptBlock { Restart-Service W3SVC }"',
    'powershell.exe -Command "Get-WinEvent -LogName Security -MaxEvents 200 -ComputerName KST-DC01"',
    '"C:\\Windows\\system32\\net.exe" group "Domain Admins" /domain',
  ]);
  const ps = childOf(host, s.explorer, `${user.sam}:${t}:ps`, (script.includes('net.exe') ? IMG['net'] : IMG['powershell']) as ImageMeta, script, user.sam, 'High');
  sink.add(t, 'windows', sysmon1(host, t, ps, s.explorer));
}

function fileActivity(ctx: SliceCtx, host: Host, user: User, s: Session, t: number): void {
  const { rng, sink } = ctx;
  const base = `C:\\Users\\${user.sam}`;
  const [proc, path] = rng.pick<[Proc, string]>([
    [s.apps.chrome, `${base}\\Downloads\\${rng.pick(['invoice', 'report', 'slides', 'statement', 'whitepaper'])}-${rng.int(100, 999)}.pdf`],
    [s.apps.outlook, `${base}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${rng.b62(8).toUpperCase()}\\${rng.pick(DOC_NAMES)}.pdf`],
    [s.apps.teams, `${base}\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView\\Default\\Cache\\Cache_Data\\f_${rng.hex(6)}`],
    [s.apps.onedrive, `${base}\\OneDrive - Kestrel Analytics\\Documents\\${rng.pick(DOC_NAMES)}.docx`],
  ]);
  sink.add(t, 'windows', sysmon11(host, t, proc, path));
}

function networkActivity(ctx: SliceCtx, host: Host, s: Session, t: number, user: User): void {
  const { rng } = ctx;
  if (rng.chance(0.06)) {
    const h = rng.pick(HTTP_DESTINATIONS);
    const svc = systemProc(host, 'svchost-crypt', IMG['svchost'] as ImageMeta, 'C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s CryptSvc');
    outbound(ctx, host, svc, t, { domain: h.host, ip: h.ip, port: 80, http: { method: 'GET', uri: h.uri, ua: h.ua, status: 200, mime: h.mime, respLen: rng.int(400, 60_000) } });
    return;
  }
  const d = rng.weighted(SAAS_DESTINATIONS.map((x) => [x, x.weight] as const));
  const proc = d.domain.includes('office365') ? s.apps.outlook : d.domain.includes('teams') ? s.apps.teams : d.domain.includes('onedrive') ? s.apps.onedrive : user.engineer && d.domain.includes('slack') ? s.apps.slack : s.apps.chrome;
  outbound(ctx, host, proc, t, { domain: d.domain, ip: d.ip, port: 443 });
}

/** Per-hour rates for an active user. */
const RATES = { process: 7, file: 6, network: 30, fileShare: 1.5 };

/** Benign Windows workstation telemetry for every Windows user in the slice. */
export function workstationActivity(ctx: SliceCtx): void {
  const { sink, world, rng, seed } = ctx;
  for (const user of world.users) {
    if (user.os !== 'windows') continue;
    const host = hostOf(ctx, user.workstation);
    for (const p of plansOverlapping(seed, user, sink.start, sink.end)) {
      const s = sessionOf(world, host, user, p.day);
      if (p.logonAt >= sink.start && p.logonAt < sink.end) logonSequence(ctx, host, user, p, s);
      if (p.logoffAt >= sink.start && p.logoffAt < sink.end) logoffSequence(ctx, host, p, s);
      for (const [a, b] of activeWindow(p, sink.start, sink.end)) {
        const frac = (b - a) / HOUR;
        for (let i = rng.poisson(RATES.process * frac); i > 0; i--) processActivity(ctx, host, user, s, timeIn(ctx, a, b));
        for (let i = rng.poisson(RATES.file * frac); i > 0; i--) fileActivity(ctx, host, user, s, timeIn(ctx, a, b));
        for (let i = rng.poisson(RATES.network * frac); i > 0; i--) networkActivity(ctx, host, s, timeIn(ctx, a, b), user);
        for (let i = rng.poisson(RATES.fileShare * frac); i > 0; i--) fileShareAccess(ctx, host, user, timeIn(ctx, a, b));
      }
    }
  }
}

function fileShareAccess(ctx: SliceCtx, host: Host, user: User, t: number): void {
  kerberosLogon(ctx, host, user, t, 'KST-FS01');
}
