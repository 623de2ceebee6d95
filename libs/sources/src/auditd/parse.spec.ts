import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitRecords } from '../split';
import { execveArgs } from './fields';
import { parseAuditd, type AuditdEvent } from './parse';

const OTRF = path.resolve(__dirname, '../../../../../shared/corpora/logs/otrf-security-datasets');
const ok = (text: string): AuditdEvent => {
  const r = parseAuditd(text);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
};

describe('parseAuditd', () => {
  it('parses an execve event of the OTRF dd dataset, decoding hex proctitle', () => {
    const text = readFileSync(path.join(OTRF, 'atomic/linux/defense_evasion/host/sh_binary_padding_dd_2020-11-10081941.log'), 'utf8');
    const { records } = splitRecords('auditd', text, { contentType: 'text', maxRecordBytes: 65536, maxRecords: 100 });
    const ev = ok(String(records[0]?.data));
    expect(ev.serial).toBe(93777);
    expect(ev.time).toBe(1604996384965);
    expect(ev.records.map((r) => r.type)).toEqual(['SYSCALL', 'EXECVE', 'CWD', 'PATH', 'PATH', 'PROCTITLE']);
    expect(ev.records[0]?.fields).toMatchObject({ syscall: '59', pid: '2168', ppid: '29002', auid: '1000', comm: 'dd', exe: '/bin/dd', key: '(null)' });
    expect(execveArgs(ev.records[1]?.fields ?? {})).toEqual(['dd', 'if=/dev/zero', 'bs=1', 'count=1']);
    expect(ev.records[5]?.fields['proctitle']).toBe('dd if=/dev/zero bs=1 count=1');
  });

  it('decodes hex EXECVE arguments and joins split long arguments', () => {
    const ev = ok([
      'type=EXECVE msg=audit(1700000000.001:5): argc=3 a0="sh" a1=2D63 a2_len=6 a2[0]=6563686F a2[1]=2021',
      'type=PATH msg=audit(1700000000.001:5): item=0 name=2F746D702F6120622E7368 nametype=NORMAL',
    ].join('\n'));
    expect(execveArgs(ev.records[0]?.fields ?? {})).toEqual(['sh', '-c', 'echo !']);
    expect(ev.records[1]?.fields['name']).toBe('/tmp/a b.sh');
  });

  it('merges msg=\'...\' key/values of USER_* records and reads node= and syslog prefixes', () => {
    const ev = ok(
      'Mar  1 10:00:00 h audispd: node=web1 type=USER_LOGIN msg=audit(1700000000.500:77): pid=9 uid=0 auid=4294967295 ses=4294967295 ' +
        "msg='op=login acct=726F6F74 exe=\"/usr/sbin/sshd\" hostname=? addr=203.0.113.9 terminal=sshd res=failed'",
    );
    expect(ev.node).toBe('web1');
    expect(ev.records[0]).toMatchObject({
      type: 'USER_LOGIN',
      fields: { pid: '9', uid: '0', op: 'login', acct: 'root', exe: '/usr/sbin/sshd', hostname: '?', addr: '203.0.113.9', res: 'failed' },
    });
  });

  it('reads auoms one-line events with unquoted spaced values and bracket lists', () => {
    const ev = ok(
      'type=AUOMS_EXECVE audit(1652292621.986:84138): syscall=execve pid=17790 user=tomcat cmdline="bash -c id" path_name=["/usr/local/sbin/bash"] proctitle=/usr/bin/java -Dx=1 -jar a.jar redactors= containerid=',
    );
    expect(ev.records[0]?.fields).toMatchObject({
      syscall: 'execve', cmdline: 'bash -c id', path_name: '["/usr/local/sbin/bash"]', proctitle: '/usr/bin/java -Dx=1 -jar a.jar', redactors: '',
    });
  });

  it('rejects text that is not auditd or mixes serials', () => {
    expect(parseAuditd('hello')).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE' });
    expect(parseAuditd('type=A msg=audit(1.000:1): x=1\ntype=B msg=audit(1.000:2): y=1')).toMatchObject({ ok: false });
    expect(parseAuditd('')).toMatchObject({ ok: false });
  });
});
