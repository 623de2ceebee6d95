import { psEncode } from '../format';
import { IMAGES, type ImageMeta } from '../emit/images';
import { sysmon1 } from '../emit/sysmon';
import { logoff4634, logon4624, privileges4672, winEvent, type WinAccount } from '../emit/windows';
import { zeekConn, zeekUid } from '../emit/zeek';
import type { Host, User } from '../world/types';
import { hostOf, timeIn, type SliceCtx } from './context';
import { accountOf, systemProc } from './session';

const IMG = IMAGES as Record<string, ImageMeta>;

/** TGT/TGS on the DC and, when `target` is given, the network logon on that server. */
export function kerberosLogon(ctx: SliceCtx, from: Host, user: User, t: number, target?: string): void {
  const { sink, rng, world } = ctx;
  const dc = hostOf(ctx, 'KST-DC01');
  const realm = world.company.adFqdn.toUpperCase();
  const ip = `::ffff:${from.ip}`;
  const port = String(rng.int(49152, 65535));
  if (!target) {
    sink.add(t, 'windows', winEvent(t, { host: dc, channel: 'Security', eventId: 4768, data: {
      TargetUserName: user.sam, TargetDomainName: world.company.adDomain, TargetSid: user.sid, ServiceName: 'krbtgt', ServiceSid: `${world.company.domainSid}-502`,
      TicketOptions: '0x40810010', Status: '0x0', TicketEncryptionType: '0x12', PreAuthType: '2', IpAddress: ip, IpPort: port, CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '',
    } }));
    return;
  }
  const server = hostOf(ctx, target);
  sink.add(t, 'windows', winEvent(t, { host: dc, channel: 'Security', eventId: 4769, data: {
    TargetUserName: `${user.sam}@${realm}`, TargetDomainName: realm, ServiceName: `${server.name}$`, ServiceSid: `${world.company.domainSid}-${1000 + (server.pids.lsass % 90)}`,
    TicketOptions: '0x40810000', TicketEncryptionType: '0x12', IpAddress: ip, IpPort: port, Status: '0x0', LogonGuid: `{${rng.uuid().toUpperCase()}}`, TransmittedServices: '-',
  } }));
  const t2 = t + rng.int(20, 300);
  const logonId = rng.int(0x200000, 0x7fffffff);
  const acct: WinAccount = accountOf(world, user);
  sink.add(t2, 'windows', winEvent(t2, { host: server, channel: 'Security', eventId: 4624, data: logon4624(server, { target: acct, logonId, logonType: 3, auth: 'Kerberos', workstation: '-', ip: from.ip, port: rng.int(49152, 65535), logonGuid: `{${rng.uuid().toUpperCase()}}`, processName: '-', elevated: false }) }));
  sink.add(t2, 'zeek', zeekConn(t2, { uid: zeekUid(rng), src: from.ip, srcPort: rng.int(49152, 65535), dst: server.ip, dstPort: 445, proto: 'tcp', service: 'smb,gssapi,krb', duration: rng.int(1, 120_000) / 1000, origBytes: rng.int(2_000, 90_000), respBytes: rng.int(4_000, 4_000_000) }));
  const t3 = t2 + rng.int(5_000, 600_000);
  sink.add(t3, 'windows', winEvent(t3, { host: server, channel: 'Security', eventId: 4634, data: logoff4634(acct, logonId, 3) }));
}

/** Server-side background: machine accounts, the app's SQL service account, admin RDP. */
export function serverActivity(ctx: SliceCtx): void {
  const { sink, rng, world } = ctx;
  const sql = hostOf(ctx, 'KST-SQL01');
  const app = hostOf(ctx, 'KST-APP01');
  const svc: WinAccount = { sid: `${world.company.domainSid}-1601`, name: 'svc_webapp', domain: world.company.adDomain };
  // The web app opens SQL sessions with NTLM every few minutes: the kind of NTLM type-3 noise
  // lateral-movement detection has to see past.
  for (let i = rng.poisson(14); i > 0; i--) {
    const t = timeIn(ctx);
    const id = rng.int(0x200000, 0x7fffffff);
    sink.add(t, 'windows', winEvent(t, { host: sql, channel: 'Security', eventId: 4624, data: logon4624(sql, { target: svc, logonId: id, logonType: 3, auth: 'NTLM', workstation: app.name, ip: app.ip, port: rng.int(49152, 65535), logonGuid: '', processName: '-', elevated: false }) }));
    sink.add(t + 30_000, 'windows', winEvent(t + 30_000, { host: sql, channel: 'Security', eventId: 4634, data: logoff4634(svc, id, 3) }));
  }
  // Computer accounts refresh group policy against the DC.
  const ws = world.hosts.filter((h) => h.role === 'workstation');
  for (const h of rng.sample(ws, Math.ceil(ws.length * 0.6))) {
    const t = timeIn(ctx);
    const acct: WinAccount = { sid: `${world.company.domainSid}-${2000 + (h.pids.lsass % 500)}`, name: `${h.name}$`, domain: world.company.adDomain };
    const dc = hostOf(ctx, 'KST-DC01');
    const id = rng.int(0x200000, 0x7fffffff);
    sink.add(t, 'windows', winEvent(t, { host: dc, channel: 'Security', eventId: 4624, data: logon4624(dc, { target: acct, logonId: id, logonType: 3, auth: 'Kerberos', workstation: '-', ip: h.ip, port: rng.int(49152, 65535), logonGuid: `{${rng.uuid().toUpperCase()}}`, processName: '-', elevated: false }) }));
    sink.add(t + 2_000, 'windows', winEvent(t + 2_000, { host: dc, channel: 'Security', eventId: 4634, data: logoff4634(acct, id, 3) }));
  }
  adminRdp(ctx);
  intuneScripts(ctx);
}

/** IT admins RDP into servers with their privileged account (4624 type 10 + 4672). */
function adminRdp(ctx: SliceCtx): void {
  const { sink, rng, world } = ctx;
  const admins = world.users.filter((u) => u.admin);
  for (const admin of admins) {
    if (!rng.chance(0.25)) continue;
    const server = hostOf(ctx, rng.pick(['KST-FS01', 'KST-SQL01', 'KST-APP01', 'KST-DC01']));
    const from = ctx.hostsByName.get(admin.workstation);
    const t = timeIn(ctx);
    const acct: WinAccount = { sid: `${world.company.domainSid}-${1500 + admin.index}`, name: `adm-${admin.sam}`, domain: world.company.adDomain };
    const id = rng.int(0x200000, 0x7fffffff);
    sink.add(t, 'windows', winEvent(t, { host: server, channel: 'Security', eventId: 4624, data: logon4624(server, { target: acct, logonId: id, logonType: 10, auth: 'Negotiate', workstation: admin.workstation, ip: from?.ip ?? '10.20.200.14', port: 0, logonGuid: `{${rng.uuid().toUpperCase()}}`, processName: 'C:\\Windows\\System32\\svchost.exe', elevated: true }) }));
    sink.add(t, 'windows', winEvent(t, { host: server, channel: 'Security', eventId: 4672, data: privileges4672(acct, id) }));
    const tOff = t + rng.int(300_000, 1_800_000);
    sink.add(tOff, 'windows', winEvent(tOff, { host: server, channel: 'Security', eventId: 4634, data: logoff4634(acct, id, 10) }));
  }
}

/**
 * Intune runs remediation scripts as SYSTEM with -EncodedCommand: benign, but the same shape as
 * a malicious encoded PowerShell, so detections must use the parent and the content.
 */
function intuneScripts(ctx: SliceCtx): void {
  const { sink, rng, world } = ctx;
  const ws = world.hosts.filter((h) => h.role === 'workstation');
  for (const host of rng.sample(ws, rng.poisson(2))) {
    const t = timeIn(ctx);
    const agent = systemProc(host, 'agentexecutor', IMG['agentExecutor'] as ImageMeta, `"C:\\Program Files (x86)\\Microsoft Intune Management Extension\\AgentExecutor.exe" -remediationScript "C:\\Windows\\IMECache\\HealthScripts\\${rng.uuid()}_1\\detect.ps1"`);
    const script = rng.pick(['Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate | Select-Object -ExpandProperty WUServer', "if ((Get-BitLockerVolume -MountPoint 'C:').ProtectionStatus -ne 'On') { exit 1 }", 'Get-CimInstance Win32_QuickFixEngineering | Sort-Object InstalledOn -Descending | Select-Object -First 1']);
    const ps = systemProc(host, `intune-ps:${t}`, IMG['powershell'] as ImageMeta, `"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ${psEncode(script)}`);
    sink.add(t, 'windows', sysmon1(host, t, ps, agent));
  }
}
