import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitRecords } from '@soc/sources';
import type { MapContext, OcsfEvent } from '../../mapper';
import { validateOcsf } from '../../validate';
import { auditdMapper } from './auditd-mapper';

const OTRF = path.resolve(__dirname, '../../../../../../shared/corpora/logs/otrf-security-datasets');
const ctx: MapContext = { tenantId: 't1', eventUid: 'evt-1', receivedAt: 1_700_000_000_000 };
const limits = { maxRecordBytes: 1 << 20, maxRecords: 10_000 };

function mapOk(text: unknown): OcsfEvent {
  const r = auditdMapper.map(text, ctx);
  if (!r.ok) throw new Error(r.reason);
  const v = validateOcsf(r.event);
  if (!v.valid) throw new Error(`invalid OCSF: ${v.errors.join('; ')}`);
  return r.event;
}

describe('auditdMapper on real auditd logs', () => {
  it('maps the OTRF arp discovery execve events to Process Activity Launch', () => {
    const body = readFileSync(path.join(OTRF, 'atomic/linux/discovery/host/sh_arp_cache_2020-11-10074812.log'));
    const events = splitRecords('auditd', body, { contentType: 'text', ...limits }).records.map((r) => mapOk(r.data));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      class_uid: 1007, activity_id: 1, type_uid: 100701, severity_id: 1, time: 1604994496155,
      process: {
        pid: 1631, name: 'arp', cmd_line: 'arp -a', working_directory: '/home/wardog',
        file: { path: '/usr/sbin/arp', name: 'arp' }, user: { uid: '1000' }, parent_process: { pid: 29002 },
        session: { uid: '104', terminal: 'pts0' },
      },
      actor: { user: { uid: '1000' }, process: { pid: 29002 } },
      status_id: 1,
      device: { name: 'unknown' },
      metadata: { product: { name: 'auditd' }, version: '1.8.0', uid: 'evt-1', original_event_uid: '1604994496.155:92733', event_code: 'SYSCALL' },
    });
    expect(events[1]?.['process']).toMatchObject({ cmd_line: 'grep -v ^?' });
    expect(events[0]?.raw_data).toContain('type=PROCTITLE');
    expect(events[0]?.['unmapped']).toMatchObject({ SYSCALL: { arch: 'c000003e', syscall: '59' }, PATH: [{ item: '0' }, { item: '1' }] });
  });

  it('maps Log4Shell auoms execve events forwarded through syslog', () => {
    const file = 'compound/Log4Shell/syslog_auoms_auditd_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json';
    const { records } = splitRecords('auditd', readFileSync(path.join(OTRF, file)), { contentType: 'ndjson', ...limits });
    const events = records.map((r) => mapOk(r.data));
    expect(events.every((e) => e.class_uid === 1007 || e.class_uid === 0)).toBe(true);
    const first = events[0];
    expect(first).toMatchObject({ class_uid: 1007, process: { pid: 17790, file: { path: '/usr/lib/jvm/java-8-openjdk-amd64/jre/bin/java' } }, status_id: 2, device: { hostname: 'UBUNTU5' } });
  });
});

describe('auditdMapper classes', () => {
  const at = (type: string, body: string, serial = 500): string => `type=${type} msg=audit(1700000000.250:${serial}): ${body}`;

  it('maps a failed sshd USER_LOGIN to Authentication Logon, failure, Low', () => {
    const e = mapOk(at('USER_LOGIN', "pid=812 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=203.0.113.9 terminal=sshd res=failed'"));
    expect(e).toMatchObject({
      class_uid: 3002, activity_id: 1, status_id: 2, severity_id: 2, user: { name: 'root' }, service: { name: 'sshd' },
      src_endpoint: { ip: '203.0.113.9' }, is_remote: true, actor: { user: { uid: '0' } },
    });
  });

  it('maps USER_END to Logoff and USER_START success', () => {
    expect(mapOk(at('USER_END', "pid=1 uid=0 auid=1000 ses=3 msg='op=PAM:session_close acct=\"alice\" exe=\"/usr/bin/sudo\" hostname=? addr=? terminal=/dev/pts/0 res=success'"))).toMatchObject({ activity_id: 2, status_id: 1, user: { name: 'alice' }, actor: { user: { uid: '1000' } }, session: { uid: '3' } });
  });

  it('maps ADD_USER, DEL_USER, USER_CHAUTHTOK and USER_MGMT to Account Change', () => {
    const add = mapOk(at('ADD_USER', "pid=9 uid=0 auid=1000 ses=2 msg='op=add-user id=1001 exe=\"/usr/sbin/useradd\" hostname=h addr=? terminal=pts/0 res=success'"));
    expect(add).toMatchObject({ class_uid: 3001, activity_id: 1, user: { uid: '1001' }, actor: { user: { uid: '1000' }, process: { pid: 9 } } });
    expect(mapOk(at('DEL_USER', "pid=9 uid=0 auid=1000 msg='op=delete-user acct=\"bob\" exe=\"/usr/sbin/userdel\" res=success'"))).toMatchObject({ activity_id: 6, user: { name: 'bob' } });
    expect(mapOk(at('USER_CHAUTHTOK', "pid=9 uid=0 auid=1000 msg='op=PAM:chauthtok acct=\"bob\" exe=\"/usr/bin/passwd\" res=success'"))).toMatchObject({ activity_id: 3, activity_name: 'Password Change' });
    expect(mapOk(at('USER_MGMT', "pid=9 uid=0 auid=1000 msg='op=add-user-to-group grp=\"sudo\" acct=\"bob\" exe=\"/usr/sbin/usermod\" res=success'"))).toMatchObject({ activity_id: 99, activity_name: 'add-user-to-group', unmapped: { USER_MGMT: { grp: 'sudo' } } });
  });

  it('maps file syscalls with PATH to File System Activity', () => {
    const sys = (n: number, extra = ''): string => at('SYSCALL', `arch=c000003e syscall=${n} success=yes exit=3 pid=77 ppid=1 auid=1000 uid=0 ses=5 tty=pts1 comm="vi" exe="/usr/bin/vim" ${extra}`);
    const cwd = at('CWD', 'cwd="/etc"');
    const path0 = (name: string, nametype: string, item = 1): string => at('PATH', `item=${item} name="${name}" inode=42 mode=0100644 nametype=${nametype}`);
    const open = mapOk([sys(257), cwd, at('PATH', 'item=0 name="/etc/" nametype=PARENT'), path0('shadow', 'NORMAL')].join('\n'));
    expect(open).toMatchObject({ class_uid: 1001, activity_id: 14, file: { path: '/etc/shadow', name: 'shadow', type_id: 1, uid: '42' }, actor: { process: { pid: 77, name: 'vi' }, user: { uid: '1000' } } });
    expect(mapOk([sys(87), cwd, path0('/tmp/x', 'DELETE')].join('\n'))).toMatchObject({ activity_id: 4, file: { path: '/tmp/x' } });
    const ren = mapOk([sys(82), cwd, path0('/tmp/a', 'DELETE', 2), path0('/tmp/b', 'CREATE', 3)].join('\n'));
    expect(ren).toMatchObject({ activity_id: 5, file: { path: '/tmp/a' }, file_result: { path: '/tmp/b' } });
    expect(mapOk([sys(90), path0('/bin/sh', 'NORMAL', 0)].join('\n'))).toMatchObject({ activity_id: 7 });
  });

  it('keeps other record types as a Base Event with fields in unmapped', () => {
    const e = mapOk(at('CONFIG_CHANGE', 'auid=1000 ses=2 op=add_rule key="passwd_changes" list=4 res=1'));
    expect(e).toMatchObject({ class_uid: 0, activity_id: 99, activity_name: 'CONFIG_CHANGE', unmapped: { CONFIG_CHANGE: { op: 'add_rule', key: 'passwd_changes' } } });
  });

  it('refuses text that is not auditd', () => {
    expect(auditdMapper.map('hello', ctx)).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE' });
    expect(auditdMapper.map({}, ctx)).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE' });
  });
});
