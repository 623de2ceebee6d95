import { all, at, benign, busiestHour, not, step, union, where, type Pred, type Selector } from './fixture-select';

/**
 * Where the fixtures of one rule file come from. Positives are the chain records the file is
 * written for; negatives are near-misses: benign events of the same OCSF class that look most
 * like the attack (a mistyped password, a newsletter inbox rule, an Intune encoded PowerShell,
 * an admin rotating a key from an SSO session...).
 */
export interface FixtureSpec {
  /** Rule file relative to the rules directory, e.g. `identity/password_spray.yml`. */
  file: string;
  positive: Selector;
  negative: Selector;
}

const okta = (e: Parameters<Pred>[0]): boolean => e.source === 'okta';
const entraOrExchange = (e: Parameters<Pred>[0]): boolean => e.source === 'entra';
const cloudtrail = (e: Parameters<Pred>[0]): boolean => e.source === 'aws-cloudtrail';
const procLaunch = where({ class_uid: 1007, activity_id: 1 });
const fileCreate = where({ class_uid: 1001, activity_id: 1 });

/** Benign MFA events (denied and accepted) of the users who denied a push by mistake: deny, retry, accept. */
const benignDenyThenAccept: Selector = (events) => {
  const mfa = where({ class_uid: 3002, is_mfa: true });
  const deniers = new Set(events.filter((e) => !e.label && mfa(e) && at(e, 'status_id') === 2).map((e) => at(e, 'user.name')));
  return events.filter((e) => !e.label && mfa(e) && deniers.has(at(e, 'user.name')));
};

const IDENTITY: FixtureSpec[] = [
  {
    file: 'identity/password_spray.yml',
    // The failures and the victim's one success from a spraying address.
    positive: step('identity', 1),
    // Mistyped passwords, successful logons from the office, and an SSH brute force (many
    // failures from one address but one account) must not look like a spray.
    negative: union(benign(where({ class_uid: 3002, status_id: 2 }), 40), benign(all(okta, where({ class_uid: 3002, status_id: 1 }))), step('linux', 1, where({ class_uid: 3002 }))),
  },
  {
    file: 'identity/mfa_fatigue.yml',
    positive: step('identity', 2, where({ class_uid: 3002, is_mfa: true })),
    negative: benignDenyThenAccept,
  },
  {
    file: 'identity/oauth_consent_mail_scopes.yml',
    positive: step('identity', 3, where({ 'api.operation': ['Consent to application', 'Add delegated permission grant'] })),
    negative: benign(all(entraOrExchange, where({ class_uid: 6003, 'api.operation': ['Consent to application', 'Add delegated permission grant', 'Add service principal'] }))),
  },
  {
    file: 'identity/mailbox_access_by_oauth_app.yml',
    positive: step('identity', 4),
    negative: benign(where({ class_uid: 6003, 'api.operation': 'MailItemsAccessed' })),
  },
  {
    file: 'identity/suspicious_inbox_rule.yml',
    positive: step('identity', 5),
    negative: union(benign(where({ class_uid: 6003, 'api.operation': 'New-InboxRule' })), benign(where({ class_uid: 6003, 'api.operation': 'MailItemsAccessed' }), 3)),
  },
];

const ENDPOINT: FixtureSpec[] = [
  {
    file: 'endpoint/macro_document_from_mail.yml',
    positive: step('endpoint', 1),
    negative: union(benign(all(fileCreate, where({ 'actor.process.name': 'OUTLOOK.EXE' }))), benign(all(procLaunch, where({ 'process.name': ['WINWORD.EXE', 'EXCEL.EXE'] })))),
  },
  {
    file: 'endpoint/office_spawns_script_interpreter.yml',
    positive: step('endpoint', 2, procLaunch),
    negative: union(benign(all(procLaunch, where({ 'process.name': ['powershell.exe', 'cmd.exe'] })), 20), benign(all(procLaunch, where({ 'actor.process.name': 'explorer.exe' })))),
  },
  {
    file: 'endpoint/powershell_hidden_encoded.yml',
    positive: step('endpoint', 2, procLaunch),
    negative: benign(all(procLaunch, where({ 'process.name': 'powershell.exe' })), 30),
  },
  {
    file: 'endpoint/executable_download_by_powershell.yml',
    positive: step('endpoint', 3, where({ class_uid: [4002, 1001] })),
    negative: union(benign(where({ class_uid: 4002 }), 20), benign(fileCreate, 20)),
  },
  {
    file: 'endpoint/lsass_memory_dump.yml',
    positive: step('endpoint', 4),
    negative: union(benign(all(procLaunch, where({ 'process.name': ['cmd.exe', 'powershell.exe'] })), 20), benign(where({ class_uid: 1007, activity_id: 3 }))),
  },
  {
    file: 'endpoint/psexec_lateral_movement.yml',
    positive: union(step('endpoint', 5, where({ class_uid: [1007, 3002] })), step('endpoint', 6, procLaunch)),
    // Service-account NTLM network logons, admins' RDP logons, an admin's own `net group` and
    // ordinary service-hosted processes.
    negative: union(
      benign(where({ class_uid: 3002, 'metadata.event_code': '4624', logon_type_id: [3, 10], auth_protocol_id: 1 })),
      benign(where({ class_uid: 3002, 'metadata.event_code': '4624', logon_type_id: 10 })),
      benign(all(procLaunch, where({ 'process.name': 'net.exe' }))),
      benign(all(procLaunch, where({ 'actor.process.name': 'svchost.exe' }))),
    ),
  },
];

const CLOUD: FixtureSpec[] = [
  {
    file: 'cloud/caller_identity_with_long_term_key.yml',
    positive: step('cloud', 1),
    negative: union(benign(where({ class_uid: 6003, 'api.operation': 'GetCallerIdentity' })), benign(all(cloudtrail, where({ 'actor.user.type': 'IAMUser' })))),
  },
  {
    file: 'cloud/discovery_burst.yml',
    positive: step('cloud', 2),
    // The busiest hour of benign console and CLI reads: many people, a few services each.
    negative: busiestHour(all(cloudtrail, where({ class_uid: 6003, activity_id: 2 }), not(where({ 'api.operation': ['GetObject', 'AssumeRole'] })))),
  },
  {
    file: 'cloud/iam_privilege_escalation.yml',
    positive: step('cloud', 3),
    // Administrators rotating the CI user's key from their SSO role session.
    negative: benign(where({ class_uid: 3001 })),
  },
  {
    file: 'cloud/s3_bulk_download.yml',
    positive: step('cloud', 4),
    // The busiest hour of benign reads: the ETL role reads more objects than the attacker, but
    // from many short sessions and addresses; the reporting job reads a few from its server.
    negative: busiestHour(where({ class_uid: 6003, 'api.operation': 'GetObject' })),
  },
  {
    file: 'cloud/s3_bucket_exposure.yml',
    positive: step('cloud', 5),
    negative: union(benign(where({ 'api.operation': 'GetBucketPolicy' })), benign(where({ 'api.service.name': 's3.amazonaws.com', 'api.operation': 'PutObject' }), 10)),
  },
];

/** One entry per rule file under the rules directory. */
export const FIXTURE_SPECS: readonly FixtureSpec[] = [...IDENTITY, ...ENDPOINT, ...CLOUD];
