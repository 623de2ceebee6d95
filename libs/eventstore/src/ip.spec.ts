import { cidrToHexRange, ipToHex } from './ip';
import { flattenEvent } from './flatten';

describe('ip hex form', () => {
  it('maps IPv4 into the IPv4-mapped IPv6 space and expands IPv6', () => {
    expect(ipToHex('10.0.0.1')).toBe('00000000000000000000ffff0a000001');
    expect(ipToHex('::ffff:10.0.0.1')).toBe('00000000000000000000ffff0a000001');
    expect(ipToHex('2001:db8::5')).toBe('20010db8000000000000000000000005');
    expect(ipToHex('fe80::1%eth0')).toBe('fe800000000000000000000000000001');
    expect(ipToHex('::')).toBe('0'.repeat(32));
    expect(ipToHex('wks-01.corp')).toBeUndefined();
    expect(ipToHex('10.0.0.256')).toBeUndefined();
  });

  it('turns CIDR blocks into inclusive ranges and rejects bad ones', () => {
    expect(cidrToHexRange('10.0.0.0/8')).toEqual({ lo: '00000000000000000000ffff0a000000', hi: '00000000000000000000ffff0affffff' });
    expect(cidrToHexRange('2001:db8::/32')).toEqual({ lo: '20010db8000000000000000000000000', hi: '20010db8ffffffffffffffffffffffff' });
    expect(cidrToHexRange('192.168.1.7')).toEqual({ lo: '00000000000000000000ffffc0a80107', hi: '00000000000000000000ffffc0a80107' });
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/-1', '10.0.0.0/', 'nope/8', '10.0.0.0/8/1']) expect(cidrToHexRange(bad)).toBeUndefined();
  });
});

describe('flattenEvent', () => {
  it('makes arrays transparent, keeps scalars as text, skips nulls, adds IP forms', () => {
    const flat = flattenEvent({ a: { b: [{ c: 1 }, { c: 'X' }] }, ok: true, gone: null, ip: '10.1.2.3', list: [['deep']] });
    expect(flat.fields).toEqual({ 'a.b.c': ['1', 'X'], ok: ['true'], ip: ['10.1.2.3'], 'ip#ip': ['00000000000000000000ffff0a010203'], list: ['deep'] });
    expect(flat.text.split('\n')).toEqual(['1', 'x', 'true', '10.1.2.3', 'deep']);
  });
});

describe('flattenEvent indexing limits', () => {
  it('skips raw_data, gives IP forms only under IP keys and observables, survives prototype-named keys', () => {
    const flat = flattenEvent({
      raw_data: '{"ip":"10.9.9.9"}', message: 'from 10.0.0.9', src_endpoint: { ip: '10.0.0.1', intermediate_ips: ['2001:db8::1'] },
      answers: [{ rdata: '1.2.3.4' }], observables: [{ value: '10.0.0.2' }], unmapped: { constructor: 'x', __proto__: 'y', public_ip: 'nope' },
    });
    expect(flat.fields['raw_data']).toBeUndefined();
    expect(flat.text).not.toContain('10.9.9.9');
    expect(Object.keys(flat.fields).filter((k) => k.endsWith('#ip')).sort()).toEqual(['observables.value#ip', 'src_endpoint.intermediate_ips#ip', 'src_endpoint.ip#ip']);
    expect(flat.fields['unmapped.constructor']).toEqual(['x']);
    expect(flat.fields['unmapped.public_ip']).toEqual(['nope']);
  });
});
