import { parseSyslog, type SyslogMessage } from './parse';

const REF = Date.UTC(2024, 4, 15, 12, 0, 0); // 2024-05-15T12:00:00Z
const ok = (line: string, ref = REF): SyslogMessage => {
  const r = parseSyslog(line, { referenceTime: ref });
  if (!r.ok) throw new Error(r.reason);
  return r.message;
};

describe('parseSyslog RFC 5424', () => {
  it('parses the RFC 5424 example with structured data and a BOM message', () => {
    const m = ok('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...');
    expect(m).toEqual({
      format: 'rfc5424', pri: 165, facility: 20, facilityName: 'local4', severity: 5, severityName: 'notice', version: 1,
      time: Date.UTC(2003, 9, 11, 22, 14, 15, 3), timeText: '2003-10-11T22:14:15.003Z', hostname: 'mymachine.example.com',
      appName: 'evntslog', msgId: 'ID47',
      structuredData: { 'exampleSDID@32473': { iut: '3', eventSource: 'Application', eventID: '1011' } },
      message: 'An application event log entry...',
    });
  });

  it('handles NILVALUEs, offsets, microseconds, several SD elements and escapes', () => {
    const m = ok('<34>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - [a@1 x="q\\"uote\\]\\\\"][b@2] msg');
    expect(m.time).toBe(Date.UTC(2003, 7, 24, 12, 14, 15, 0));
    expect(m.procId).toBe('8710');
    expect(m.msgId).toBeUndefined();
    expect(m.structuredData).toEqual({ 'a@1': { x: 'q"uote]\\' }, 'b@2': {} });
    expect(m.message).toBe('msg');
    const nil = ok('<0>1 - - - - - -');
    expect(nil).toEqual({ format: 'rfc5424', pri: 0, facility: 0, facilityName: 'kern', severity: 0, severityName: 'emerg', version: 1, message: '' });
  });

  it('rejects malformed RFC 5424 headers with a reason', () => {
    expect(parseSyslog('<34>1 2003-13-45T99:00:00Z h a p m - x', { referenceTime: REF })).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE' });
    expect(parseSyslog('<34>1 2003-10-11T22:14:15Z h a', { referenceTime: REF })).toMatchObject({ ok: false });
    expect(parseSyslog('<34>1 - h a p m [bad x="1"', { referenceTime: REF })).toMatchObject({ ok: false, reason: expect.stringMatching(/unterminated/) });
    expect(parseSyslog('<192>1 - - - - - -', { referenceTime: REF })).toMatchObject({ ok: false, reason: expect.stringMatching(/PRI/) });
  });
});

describe('parseSyslog RFC 3164 and /var/log lines', () => {
  it('parses the RFC 3164 example, resolving the year from the reference time', () => {
    const m = ok('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8');
    expect(m).toMatchObject({ format: 'rfc3164', facilityName: 'auth', severityName: 'crit', hostname: 'mymachine', appName: 'su' });
    // October is after May 15th: it must be last year's October.
    expect(m.time).toBe(Date.UTC(2023, 9, 11, 22, 14, 15));
    expect(m.message).toBe("'su root' failed for lonvick on /dev/pts/8");
  });

  it('picks the next year for a stamp just after New Year, and applies a UTC offset', () => {
    const ref = Date.UTC(2024, 11, 31, 23, 59, 0);
    expect(ok('<13>Jan  1 00:00:30 h app: x', ref).time).toBe(Date.UTC(2025, 0, 1, 0, 0, 30));
    const r = parseSyslog('<13>May 15 14:00:00 h app: x', { referenceTime: REF, utcOffsetMinutes: 120 });
    expect(r.ok && r.message.time).toBe(Date.UTC(2024, 4, 15, 12, 0, 0));
  });

  it('parses tag[pid] and a message without host', () => {
    expect(ok('<86>May 15 11:00:00 web1 sshd[4242]: Accepted password for bob from 10.0.0.5 port 5022 ssh2')).toMatchObject({
      hostname: 'web1', appName: 'sshd', procId: '4242', message: 'Accepted password for bob from 10.0.0.5 port 5022 ssh2',
    });
    expect(ok('<13>May 15 11:00:00 su: no host here')).toMatchObject({ appName: 'su', message: 'no host here' });
    expect(ok('<13>May 15 11:00:00 host free text without tag')).toMatchObject({ hostname: 'host', message: 'free text without tag' });
  });

  it('parses /var/log lines without PRI, classic and RFC 3339 stamps', () => {
    const m = ok('May 14 08:01:02 db2 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls');
    expect(m).toMatchObject({ format: 'file', hostname: 'db2', appName: 'sudo', time: Date.UTC(2024, 4, 14, 8, 1, 2) });
    expect(m.pri).toBeUndefined();
    expect(m.message).toBe('   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls');
    expect(ok('2024-05-14T08:01:02.123456+02:00 db2 systemd[1]: Started x.')).toMatchObject({
      time: Date.UTC(2024, 4, 14, 6, 1, 2, 123), hostname: 'db2', appName: 'systemd', procId: '1',
    });
  });

  it('rejects a line that is not syslog', () => {
    expect(parseSyslog('hello world', { referenceTime: REF })).toMatchObject({ ok: false, code: 'SOC_ERR_RECORD_UNPARSEABLE' });
    expect(parseSyslog('Feb 30 10:00:00 h a: x', { referenceTime: REF })).toMatchObject({ ok: false });
  });
});
