import { splitRecords } from './split';
import type { SplitOptions } from './records';

const opts = (o: Partial<SplitOptions> = {}): SplitOptions => ({ contentType: 'text', maxRecordBytes: 10_000, maxRecords: 1_000, ...o });

describe('splitRecords on text sources', () => {
  it('gives one syslog record per non-blank line, CR stripped', () => {
    const body = '<34>Oct 11 22:14:15 mymachine su: failed\r\n\r\nJan  2 03:04:05 host sshd[1]: hi\n';
    const { records, rejected } = splitRecords('syslog', body, opts());
    expect(rejected).toEqual([]);
    expect(records).toEqual([
      { index: 0, line: 1, format: 'text', data: '<34>Oct 11 22:14:15 mymachine su: failed' },
      { index: 1, line: 3, format: 'text', data: 'Jan  2 03:04:05 host sshd[1]: hi' },
    ]);
  });

  it('rejects syslog lines over maxRecordBytes', () => {
    const { rejected } = splitRecords('syslog', `short\n${'x'.repeat(50)}`, opts({ maxRecordBytes: 20 }));
    expect(rejected).toMatchObject([{ line: 2, code: 'SOC_ERR_RECORD_TOO_LARGE' }]);
  });

  it('joins interleaved auditd lines by serial, in order, EOE closing the event', () => {
    const body = [
      'type=SYSCALL msg=audit(1700000000.100:10): syscall=59 pid=1',
      'type=USER_LOGIN msg=audit(1700000000.150:11): pid=2 msg=\'op=login res=success\'',
      'type=EXECVE msg=audit(1700000000.100:10): argc=1 a0="ls"',
      'type=PROCTITLE msg=audit(1700000000.100:10): proctitle=6C73',
      'type=EOE msg=audit(1700000000.100:10): ',
      'node=web1 type=SYSCALL msg=audit(1700000000.200:10): syscall=2',
      'garbage without a stamp',
    ].join('\n');
    const { records, rejected } = splitRecords('auditd', body, opts());
    expect(records.map((r) => [r.index, r.line, r.data])).toEqual([
      [0, 1, [0, 2, 3].map((i) => body.split('\n')[i]).join('\n')],
      [1, 2, body.split('\n')[1]],
      [2, 6, body.split('\n')[5]],
    ]);
    expect(rejected).toMatchObject([{ line: 7, code: 'SOC_ERR_RECORD_UNPARSEABLE' }]);
  });

  it('starts a new auditd event when a serial reappears after its EOE', () => {
    const body = 'type=SYSCALL msg=audit(1.000:5): a=1\ntype=EOE msg=audit(1.000:5): \ntype=SYSCALL msg=audit(1.000:5): a=2';
    expect(splitRecords('auditd', body, opts()).records.map((r) => r.data)).toEqual([
      'type=SYSCALL msg=audit(1.000:5): a=1',
      'type=SYSCALL msg=audit(1.000:5): a=2',
    ]);
  });

  it('groups auditd lines that carry a syslog header', () => {
    const body = [
      'May 11 18:10:21 ubuntu5 audispd: node=ubuntu5 type=SYSCALL msg=audit(1652292621.986:7): syscall=59',
      'May 11 18:10:21 ubuntu5 audispd: node=ubuntu5 type=EXECVE msg=audit(1652292621.986:7): argc=1 a0="id"',
    ].join('\n');
    expect(splitRecords('auditd', body, opts()).records).toHaveLength(1);
  });

  it('rejects an auditd event larger than maxRecordBytes', () => {
    const body = `type=SYSCALL msg=audit(1.000:5): a=1\ntype=PATH msg=audit(1.000:5): name="${'x'.repeat(60)}"`;
    expect(splitRecords('auditd', body, opts({ maxRecordBytes: 60 })).rejected).toMatchObject([{ line: 1, code: 'SOC_ERR_RECORD_TOO_LARGE' }]);
  });

  it('takes text sources as JSON: strings, {message} objects, multi-line messages', () => {
    const body = JSON.stringify([
      '<13>Jan  1 00:00:00 h app: one',
      { message: 'Jan  1 00:00:01 h app: two', host: 'h' },
      { MESSAGE: 'three' },
      { other: 1 },
    ]);
    const { records, rejected } = splitRecords('syslog', body, opts({ contentType: 'json' }));
    expect(records.map((r) => r.data)).toEqual(['<13>Jan  1 00:00:00 h app: one', 'Jan  1 00:00:01 h app: two', 'three']);
    expect(rejected).toMatchObject([{ code: 'SOC_ERR_RECORD_NOT_OBJECT' }]);
    const audit = splitRecords('auditd', '"type=SYSCALL msg=audit(1.000:9): a=1\\ntype=CWD msg=audit(1.000:9): cwd=\\"/\\""', opts({ contentType: 'ndjson' }));
    expect(audit.records).toHaveLength(1);
  });
});
