import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitRecords } from '@soc/sources';
import type { MapContext, OcsfEvent } from '../../mapper';
import { validateOcsf } from '../../validate';
import { syslogMapper } from './syslog-mapper';

const OTRF = path.resolve(__dirname, '../../../../../../shared/corpora/logs/otrf-security-datasets');
const RECEIVED = Date.UTC(2024, 4, 15, 12, 0, 0);
const ctx: MapContext = { tenantId: 't1', eventUid: 'evt-1', receivedAt: RECEIVED };

function mapOk(line: unknown): OcsfEvent {
  const r = syslogMapper.map(line, ctx);
  if (!r.ok) throw new Error(r.reason);
  const v = validateOcsf(r.event);
  if (!v.valid) throw new Error(`invalid OCSF: ${v.errors.join('; ')}`);
  return r.event;
}

describe('syslogMapper: sshd', () => {
  it('maps Accepted publickey to a successful remote Logon', () => {
    const e = mapOk('<38>May 15 11:58:01 bastion sshd[2311]: Accepted publickey for alice from 198.51.100.7 port 50522 ssh2: ED25519 SHA256:abc');
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, type_uid: 300201, status_id: 1, severity_id: 1, time: Date.UTC(2024, 4, 15, 11, 58, 1),
      user: { name: 'alice' }, src_endpoint: { ip: '198.51.100.7', port: 50522 }, dst_endpoint: { hostname: 'bastion' },
      service: { name: 'sshd' }, is_remote: true, device: { hostname: 'bastion' },
      metadata: { version: '1.8.0', uid: 'evt-1', log_name: 'auth', log_provider: 'sshd' },
      unmapped: { facility: 4, auth_method: 'publickey', proc_id: '2311' },
    });
    expect(e.raw_data).toContain('Accepted publickey');
  });

  it('maps Failed password (invalid user) to a failed Logon with Low severity', () => {
    const e = mapOk('May 15 11:59:00 bastion sshd[2400]: Failed password for invalid user admin from 203.0.113.50 port 41234 ssh2');
    expect(e).toMatchObject({ class_uid: 3002, status_id: 2, severity_id: 2, user: { name: 'admin' }, src_endpoint: { ip: '203.0.113.50' }, unmapped: { invalid_user: true } });
    expect(mapOk('May 15 11:59:00 bastion sshd[2400]: Failed password for root from 203.0.113.50 port 41234 ssh2')).toMatchObject({ user: { name: 'root' }, status_id: 2 });
  });
});

describe('syslogMapper: sudo and account management', () => {
  it('maps a sudo command to Authorize Session with the command kept', () => {
    const e = mapOk('May 14 08:01:02 db2 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow');
    expect(e).toMatchObject({ class_uid: 3003, activity_id: 1, user: { name: 'alice' }, privileges: ['root'], session: { terminal: 'pts/0' }, status_id: 1, unmapped: { sudo_command: '/usr/bin/cat /etc/shadow', sudo_pwd: '/home/alice' } });
  });

  it('maps a denied sudo to a failed Authorize Session', () => {
    const e = mapOk('May 14 08:01:02 db2 sudo:      bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash');
    expect(e).toMatchObject({ class_uid: 3003, status_id: 2, severity_id: 2, status_detail: 'user NOT in sudoers', user: { name: 'bob' } });
  });

  it('maps useradd, userdel and passwd to Account Change', () => {
    expect(mapOk('<86>1 2024-05-15T10:00:00Z h1 useradd 991 - - new user: name=eve, UID=1002, GID=1002, home=/home/eve, shell=/bin/bash, from=/dev/pts/0')).toMatchObject({ class_uid: 3001, activity_id: 1, user: { name: 'eve', uid: '1002' } });
    expect(mapOk("May 15 10:00:00 h1 userdel[77]: delete user 'eve'")).toMatchObject({ class_uid: 3001, activity_id: 6, user: { name: 'eve' } });
    expect(mapOk('May 15 10:00:00 h1 passwd[78]: pam_unix(passwd:chauthtok): password changed for eve')).toMatchObject({ class_uid: 3001, activity_id: 3 });
  });
});

describe('syslogMapper: everything else', () => {
  it('keeps other lines as a Base Event with message, host, app, facility, severity and structured data', () => {
    const e = mapOk('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"] An application event log entry');
    expect(e).toMatchObject({
      class_uid: 0, activity_id: 99, activity_name: 'evntslog', severity_id: 1, time: Date.UTC(2003, 9, 11, 22, 14, 15, 3),
      message: 'An application event log entry', device: { hostname: 'mymachine.example.com' },
      metadata: { log_name: 'local4', event_code: 'ID47', original_time: '2003-10-11T22:14:15.003Z' },
      unmapped: { facility: 20, syslog_severity: 5, syslog_severity_name: 'notice', app_name: 'evntslog', structured_data: { 'exampleSDID@32473': { iut: '3' } } },
    });
    expect(mapOk('<10>Oct 11 22:14:15 mymachine kernel: disk failure')).toMatchObject({ severity_id: 5 });
  });

  it('turns a line that is not syslog into a Base Event with the parse error', () => {
    const e = mapOk('free text');
    expect(e).toMatchObject({ class_uid: 0, time: RECEIVED, message: 'free text', unmapped: { parse_error: expect.any(String) } });
    expect(syslogMapper.map(42, ctx)).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE' });
  });

  it('maps the OTRF Log4Shell syslog (Sysmon for Linux via Sentinel) to valid events', () => {
    const file = 'compound/Log4Shell/syslog_sysmon_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json';
    const { records, rejected } = splitRecords('syslog', readFileSync(path.join(OTRF, file)), { contentType: 'ndjson', maxRecordBytes: 1 << 20, maxRecords: 1000 });
    expect(rejected).toEqual([]);
    for (const r of records) expect(mapOk(r.data).class_uid).toBe(0);
  });
});
