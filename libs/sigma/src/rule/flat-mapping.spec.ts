import { flatFieldMapping } from './flat-mapping';
import { parseCidr, cidrContains, parseIPv6 } from './cidr';
import { containsAnyTest } from './contains-set';

describe('flatFieldMapping', () => {
  it('reads top-level keys first, then dotted paths through objects and arrays', () => {
    const acc = flatFieldMapping.accessor('properties.message');
    expect(acc({ 'properties.message': 'flat' })).toBe('flat');
    expect(acc({ properties: { message: 'nested' } })).toBe('nested');
    expect(acc({ properties: [{ message: 'a' }, { message: 'b' }, {}] })).toEqual(['a', 'b']);
    expect(acc({ properties: 'x' })).toBeUndefined();
    expect(flatFieldMapping.accessor('A')({ A: null })).toBeNull();
    expect(flatFieldMapping.accessor('toString')({})).toBeUndefined();
  });

  it('accepts every logsource with no conditions and no renames', () => {
    expect(flatFieldMapping.variants({ category: 'anything' })).toEqual([{ name: 'flat', conditions: [], fieldRenames: {} }]);
  });
});

describe('cidr parsing', () => {
  it('parses compressed IPv6 and embedded IPv4', () => {
    expect(parseIPv6('::')).toEqual([0, 0, 0, 0]);
    expect(parseIPv6('::ffff:10.0.0.1')).toEqual([0, 0, 0xffff, 0x0a000001]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([0x10002, 0x30004, 0x50006, 0x70008]);
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(parseIPv6('12345::')).toBeUndefined();
    const net = parseCidr('fe80::/10');
    expect(net && cidrContains(net, 'febf::1%eth0')).toBe(true);
    expect(net && cidrContains(net, 'fec0::1')).toBe(false);
  });
});

describe('containsAnyTest', () => {
  it('finds any of many needles, long and short, in one scan', () => {
    const needles = Array.from({ length: 200 }, (_, i) => `md5=${i.toString(16).padStart(8, '0')}`).concat(['🔥', 'x']);
    const t = containsAnyTest(needles);
    expect(t('hashes: sha1=1,md5=000000c7,x2')).toBe(true);
    expect(t('no hit here')).toBe(false);
    expect(t('md5=000000c8 is beyond the list')).toBe(false);
    expect(t('fire 🔥')).toBe(true);
    expect(t('box')).toBe(true);
    expect(t('md5=000000c')).toBe(false);
  });
});
