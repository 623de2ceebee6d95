import { SyslogFramer } from './framing';

describe('SyslogFramer (RFC 6587)', () => {
  it('splits octet-counted frames, even across chunk boundaries and with embedded newlines', () => {
    const f = new SyslogFramer(1024);
    const m1 = '<34>1 2026-11-01T00:00:00Z h app - - - one\nline';
    const m2 = '<13>Nov  1 00:00:00 h app: two';
    const wire = Buffer.from(`${Buffer.byteLength(m1)} ${m1}${Buffer.byteLength(m2)} ${m2}`);
    const a = f.push(wire.subarray(0, 10));
    const b = f.push(wire.subarray(10));
    expect([...a.messages, ...b.messages]).toEqual([m1, m2]);
  });

  it('splits newline-framed messages and keeps a last unterminated line for end()', () => {
    const f = new SyslogFramer(1024);
    expect(f.push(Buffer.from('<13>a one\r\n<13>b two\n<13>c thr')).messages).toEqual(['<13>a one', '<13>b two']);
    expect(f.push(Buffer.from('ee')).messages).toEqual([]);
    expect(f.end()).toEqual(['<13>c three']);
  });

  it('skips oversized frames and never buffers an endless line without bound', () => {
    const f = new SyslogFramer(16);
    const r = f.push(Buffer.from(`40 ${'x'.repeat(40)}<13>ok\n`));
    expect(r).toEqual({ messages: ['<13>ok'], oversized: 1 });
    const endless = f.push(Buffer.from('y'.repeat(100)));
    expect(endless.oversized).toBe(1);
    expect(f.end()).toEqual([]);
  });
});

describe('SyslogFramer with an oversized frame split across reads', () => {
  it('discards the whole frame as it arrives and stays aligned for the next one', () => {
    const f = new SyslogFramer(16);
    const big = 'z'.repeat(100);
    const wire = Buffer.from(`100 ${big}5 <13>x`);
    const parts = [wire.subarray(0, 20), wire.subarray(20, 70), wire.subarray(70)];
    const results = parts.map((p) => f.push(p));
    expect(results.flatMap((r) => r.messages)).toEqual(['<13>x']);
    expect(results.reduce((n, r) => n + r.oversized, 0)).toBe(1);
  });
});
