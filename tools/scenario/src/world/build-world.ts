import { Rng } from '../rng';
import { buildUsers } from './build-users';
import { REPOS } from './names';
import type { Adversary, AwsWorld, Host, User, World } from './types';

const EMAIL_DOMAIN = 'kestrel-analytics.com';
const AD_FQDN = 'corp.kestrel-analytics.com';

function mac(rng: Rng): string {
  return ['00', '15', '5d', rng.hex(2), rng.hex(2), rng.hex(2)].join(':');
}

function host(rng: Rng, name: string, ip: string, os: Host['os'], role: Host['role'], owner?: number): Host {
  return {
    name,
    fqdn: os === 'windows' ? `${name}.${AD_FQDN}` : `${name.toLowerCase()}.prod.${EMAIL_DOMAIN}`,
    ip,
    mac: mac(rng),
    os,
    role,
    owner,
    syslogFormat: rng.chance(0.5) ? '3164' : '5424',
    pids: { lsass: 4 * rng.int(150, 260), sysmon: 4 * rng.int(600, 1200), scm: 4 * rng.int(150, 200), sshd: rng.int(700, 1400), auditd: rng.int(400, 700) },
    guidPrefix: rng.hex(8).toUpperCase(),
  };
}

function buildHosts(rng: Rng, users: User[]): Host[] {
  const hosts: Host[] = [
    host(rng, 'KST-DC01', '10.20.1.10', 'windows', 'dc'),
    host(rng, 'KST-FS01', '10.20.1.20', 'windows', 'server'),
    host(rng, 'KST-SQL01', '10.20.1.30', 'windows', 'server'),
    host(rng, 'KST-APP01', '10.20.1.40', 'windows', 'server'),
    host(rng, 'bastion-01', '10.20.2.5', 'linux', 'linux'),
    host(rng, 'web-01', '10.20.2.11', 'linux', 'linux'),
    host(rng, 'web-02', '10.20.2.12', 'linux', 'linux'),
    host(rng, 'db-01', '10.20.2.21', 'linux', 'linux'),
    host(rng, 'ci-runner-01', '10.20.2.31', 'linux', 'linux'),
  ];
  for (const u of users) {
    if (u.os !== 'windows') continue;
    hosts.push(host(rng, u.workstation, `10.20.10.${20 + u.index}`, 'windows', 'workstation', u.index));
  }
  return hosts;
}

function digits(rng: Rng, n: number): string {
  let s = String(rng.int(1, 9));
  while (s.length < n) s += String(rng.int(0, 9));
  return s;
}

function buildAws(rng: Rng): AwsWorld {
  const prod = digits(rng, 12);
  const dev = digits(rng, 12);
  const key = (): string => `AKIA${rng.b62(16).toUpperCase().replace(/[^A-Z0-9]/g, 'Q')}`;
  const uid = (p: string): string => `${p}${rng.b62(17).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`;
  return {
    orgId: `o-${rng.hex(10)}`,
    accounts: [{ id: prod, name: 'kestrel-prod' }, { id: dev, name: 'kestrel-dev' }],
    region: 'us-east-1',
    iamUsers: [
      { name: 'ci-deploy', accountId: prod, userId: uid('AIDA'), accessKeyId: key(), purpose: 'GitHub Actions deploys' },
      { name: 'terraform', accountId: prod, userId: uid('AIDA'), accessKeyId: key(), purpose: 'infrastructure as code' },
      { name: 'svc-reporting', accountId: prod, userId: uid('AIDA'), accessKeyId: key(), purpose: 'nightly reports export' },
      { name: 'backup-agent', accountId: prod, userId: uid('AIDA'), accessKeyId: key(), purpose: 'database backups' },
      { name: 'dev-sandbox', accountId: dev, userId: uid('AIDA'), accessKeyId: key(), purpose: 'developer experiments' },
    ],
    roles: [
      ...['AWSReservedSSO_AdministratorAccess', 'AWSReservedSSO_PowerUserAccess', 'AWSReservedSSO_DeveloperReadOnly', 'AWSReservedSSO_DataAnalyst'].flatMap((name) => [
        { name, accountId: prod, roleId: uid('AROA') },
        { name, accountId: dev, roleId: uid('AROA') },
      ]),
      { name: 'DeployRole', accountId: prod, roleId: uid('AROA') },
      { name: 'lambda-etl-role', accountId: prod, roleId: uid('AROA') },
      { name: 'OrganizationAccountAccessRole', accountId: dev, roleId: uid('AROA') },
    ],
    buckets: [
      { name: 'kestrel-prod-customer-exports', accountId: prod, prefixes: ['exports/2026/', 'exports/archive/'] },
      { name: 'kestrel-prod-data-lake', accountId: prod, prefixes: ['raw/events/', 'curated/daily/'] },
      { name: 'kestrel-prod-app-assets', accountId: prod, prefixes: ['static/', 'images/'] },
      { name: 'kestrel-ci-artifacts', accountId: prod, prefixes: ['builds/', 'releases/'] },
      { name: 'kestrel-db-backups', accountId: prod, prefixes: ['pg/daily/'] },
      { name: 'kestrel-dev-scratch', accountId: dev, prefixes: ['tmp/', 'notebooks/'] },
    ],
    instances: Array.from({ length: 6 }, (_, i) => ({ id: `i-0${rng.hex(16)}`, accountId: i < 4 ? prod : dev, name: ['web-01', 'web-02', 'db-01', 'ci-runner-01', 'dev-box-1', 'dev-box-2'][i] as string })),
  };
}

function publicIp(rng: Rng, prefixes: readonly string[]): string {
  return `${rng.pick(prefixes)}.${rng.int(1, 254)}.${rng.int(2, 254)}`;
}

function buildAdversary(rng: Rng): Adversary {
  // Address blocks commonly seen in commodity attacks (VPS and anonymising providers).
  const vps = ['185.220', '45.155', '193.142', '91.92', '194.26', '103.75', '5.188', '146.70'];
  return {
    sprayIps: Array.from({ length: 4 }, () => publicIp(rng, vps)),
    mfaIp: publicIp(rng, vps),
    mfaPlace: { country: 'NL', countryName: 'Netherlands', city: 'Amsterdam', state: 'North Holland', lat: 52.37, lon: 4.9 },
    oauthApp: { appId: rng.uuid(), name: rng.pick(['MailSync Pro', 'Doc Signer Plus', 'Secure PDF Viewer']), publisher: 'Unverified' },
    exfilIp: publicIp(rng, vps),
    phishDomain: rng.pick(['invoice-docs-share.com', 'secure-billing-portal.net', 'dropfile-transfer.io']),
    phishIp: publicIp(rng, vps),
    c2Domain: rng.pick(['cdn-update-services.com', 'telemetry-sync.net', 'static-msedge-cdn.com']),
    c2Ip: publicIp(rng, vps),
    awsIp: publicIp(rng, vps),
    awsAgent: 'aws-cli/2.15.10 Python/3.11.6 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off command/sts.get-caller-identity',
    externalAccountId: digits(rng, 12),
    sshIp: publicIp(rng, vps),
    sshKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.b62(43)} root@kali`,
  };
}

/** Builds the company from the seed; the same seed and size always give the same world. */
export function buildWorld(seed: number, userCount: number): World {
  const rng = Rng.of(seed, 'world');
  const domainSid = `S-1-5-21-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}`;
  const users = buildUsers(seed, userCount, { emailDomain: EMAIL_DOMAIN, domainSid, hostPrefix: 'KST' });
  return {
    seed,
    company: { name: 'Kestrel Analytics', emailDomain: EMAIL_DOMAIN, adDomain: 'KESTREL', adFqdn: AD_FQDN, domainSid },
    network: { officeCidr: '10.20.0.0/16', serverCidr: '10.20.1.0/24', egressIp: '198.51.100.23', dnsResolver: '10.20.1.10', vpnCidr: '10.20.200.0/24' },
    users,
    hosts: buildHosts(rng, users),
    aws: buildAws(rng),
    okta: {
      domain: 'kestrel-analytics.okta.com',
      orgId: `00o${rng.b62(17)}`,
      apps: ['Microsoft Office 365', 'Slack', 'Salesforce', 'AWS IAM Identity Center', 'GitHub Enterprise Cloud', 'Zoom', 'Jira Cloud'].map((name) => ({ id: `0oa${rng.b62(17)}`, name })),
    },
    entra: {
      tenantId: rng.uuid(),
      domain: EMAIL_DOMAIN,
      apps: [
        { appId: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
        { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
        { appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', name: 'Microsoft Office' },
        { appId: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online' },
        { appId: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' },
      ],
    },
    github: { org: 'kestrel-analytics', orgId: rng.int(10_000_000, 99_999_999), repos: REPOS },
    adversary: buildAdversary(rng),
  };
}
