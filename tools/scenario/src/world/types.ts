/** The simulated company: people, machines, cloud and SaaS tenants, network. */

/** Geographic context shared by sign-in sources. */
export interface Place {
  country: string;
  countryName: string;
  city: string;
  state: string;
  lat: number;
  lon: number;
}

/** An employee and every identity they hold across the estate. */
export interface User {
  index: number;
  firstName: string;
  lastName: string;
  displayName: string;
  /** sAMAccountName and the local part of the UPN, e.g. alice.anderson. */
  sam: string;
  upn: string;
  department: string;
  title: string;
  engineer: boolean;
  /** IT staff: run admin tools and hold a separate `adm-` account. */
  admin: boolean;
  home: Place & { tz: string; offsetMin: number };
  /** Local minutes after midnight. */
  workStartMin: number;
  workEndMin: number;
  homeIp: string;
  /** Set for people who are away for part of the window. */
  travel: (Place & { ip: string; fromDay: number; toDay: number }) | undefined;
  workstation: string;
  sid: string;
  oktaId: string;
  entraId: string;
  githubLogin: string | undefined;
  /** Role name assumed through SSO in AWS, when the user works there. */
  awsRole: string | undefined;
  /** Windows workstation or MacBook (Macs produce no Windows telemetry). */
  os: 'windows' | 'mac';
}

/** A machine that logs. */
export interface Host {
  name: string;
  fqdn: string;
  ip: string;
  mac: string;
  os: 'windows' | 'linux';
  role: 'workstation' | 'dc' | 'server' | 'linux';
  owner: number | undefined;
  /** Syslog spelling the host's rsyslog writes. */
  syslogFormat: '3164' | '5424';
  /** Stable service pids that appear in headers (lsass, Sysmon, SCM, sshd, cron). */
  pids: { lsass: number; sysmon: number; scm: number; sshd: number; auditd: number };
  /** Seeds this host's sysmon ProcessGuid prefix. */
  guidPrefix: string;
}

/** An IAM user with a long-lived access key. */
export interface IamUser {
  name: string;
  accountId: string;
  userId: string;
  accessKeyId: string;
  purpose: string;
}

/** An IAM role. */
export interface IamRole {
  name: string;
  accountId: string;
  roleId: string;
}

/** The AWS organization. */
export interface AwsWorld {
  orgId: string;
  accounts: { id: string; name: string }[];
  region: string;
  iamUsers: IamUser[];
  roles: IamRole[];
  buckets: { name: string; accountId: string; prefixes: string[] }[];
  instances: { id: string; accountId: string; name: string }[];
}

/** Indicators the attack chains use; drawn from the seed like everything else. */
export interface Adversary {
  sprayIps: string[];
  mfaIp: string;
  mfaPlace: Place;
  oauthApp: { appId: string; name: string; publisher: string };
  exfilIp: string;
  phishDomain: string;
  phishIp: string;
  c2Domain: string;
  c2Ip: string;
  awsIp: string;
  awsAgent: string;
  externalAccountId: string;
  sshIp: string;
  sshKey: string;
}

/** The whole world, serialised as world.json. */
export interface World {
  seed: number;
  company: { name: string; emailDomain: string; adDomain: string; adFqdn: string; domainSid: string };
  network: { officeCidr: string; serverCidr: string; egressIp: string; dnsResolver: string; vpnCidr: string };
  users: User[];
  hosts: Host[];
  aws: AwsWorld;
  okta: { domain: string; orgId: string; apps: { id: string; name: string }[] };
  entra: { tenantId: string; domain: string; apps: { appId: string; name: string }[] };
  github: { org: string; orgId: number; repos: string[] };
  adversary: Adversary;
}
