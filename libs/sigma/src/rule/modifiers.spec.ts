import { base64Offsets, utf16Bytes, windashVariants } from './encodings';
import { checkModifierChain } from './modifiers';
import { matcher, parseReason } from './test-helpers';

describe('string matching', () => {
  it('is case-insensitive equality by default, exact length', () => {
    const m = matcher("sel:\n  Image: 'C:\\Windows\\System32\\whoami.exe'\ncondition: sel");
    expect(m({ Image: 'c:\\windows\\system32\\WHOAMI.EXE' })).toBe(true);
    expect(m({ Image: 'c:\\windows\\system32\\whoami.exe2' })).toBe(false);
    expect(m({})).toBe(false);
  });

  it('contains, startswith, endswith', () => {
    const c = matcher("sel:\n  F|contains: 'MiD'\ncondition: sel");
    const s = matcher("sel:\n  F|startswith: 'ab'\ncondition: sel");
    const e = matcher("sel:\n  F|endswith: '.EXE'\ncondition: sel");
    expect([c({ F: 'xxmidyy' }), c({ F: 'mi d' })]).toEqual([true, false]);
    expect([s({ F: 'ABC' }), s({ F: 'cab' })]).toEqual([true, false]);
    expect([e({ F: 'a.exe' }), e({ F: 'a.exe.bak' })]).toEqual([true, false]);
  });

  it('wildcards * and ? with the spec escapes', () => {
    const m = matcher("sel:\n  F: 'a?c*z'\ncondition: sel");
    expect([m({ F: 'abcz' }), m({ F: 'a🔥c--z' }), m({ F: 'acz' }), m({ F: 'abcza' })]).toEqual([true, true, false, false]);
    const lit = matcher("sel:\n  F: 'a\\*b\\?'\ncondition: sel");
    expect([lit({ F: 'a*b?' }), lit({ F: 'axb?' })]).toEqual([true, false]);
    // `\\*` is a backslash then a wildcard; `\\\*` a backslash then a star.
    const bw = matcher("sel:\n  F: 'C:\\\\*.exe'\ncondition: sel");
    expect([bw({ F: 'C:\\x.exe' }), bw({ F: 'C:x.exe' })]).toEqual([true, false]);
    const bs = matcher("sel:\n  F: 'a\\\\\\*'\ncondition: sel");
    expect([bs({ F: 'a\\*' }), bs({ F: 'a\\x' })]).toEqual([true, false]);
    // A plain backslash, single or doubled.
    const one = matcher("sel:\n  F: 'C:\\Windows'\ncondition: sel");
    const two = matcher("sel:\n  F: 'C:\\\\Windows'\ncondition: sel");
    expect([one({ F: 'c:\\windows' }), two({ F: 'c:\\windows' })]).toEqual([true, true]);
  });

  it('cased makes matching case-sensitive', () => {
    const m = matcher("sel:\n  F|contains|cased: 'Invoke'\ncondition: sel");
    expect([m({ F: 'xInvokex' }), m({ F: 'xinvokex' })]).toEqual([true, false]);
  });

  it('all: every value must match; lists are OR otherwise', () => {
    const all = matcher("sel:\n  F|contains|all: [a1, b2]\ncondition: sel");
    const any = matcher("sel:\n  F|contains: [a1, b2]\ncondition: sel");
    expect([all({ F: 'a1 b2' }), all({ F: 'a1' })]).toEqual([true, false]);
    expect([any({ F: 'b2' }), any({ F: 'c3' })]).toEqual([true, false]);
    expect(parseReason("sel:\n  F|contains|all: a1\ncondition: sel")).toBe('all-with-single-value');
  });

  it('event arrays match when any element matches', () => {
    const m = matcher("sel:\n  F|endswith: '.dll'\ncondition: sel");
    expect([m({ F: ['a.exe', 'b.DLL'] }), m({ F: ['a.exe'] })]).toEqual([true, false]);
  });

  it('numbers, booleans, null and the empty string', () => {
    const n = matcher('sel:\n  EventID: 4688\ncondition: sel');
    expect([n({ EventID: 4688 }), n({ EventID: '4688' }), n({ EventID: 46880 })]).toEqual([true, true, false]);
    const hex = matcher('sel:\n  T: 0x17\ncondition: sel');
    expect([hex({ T: '0x17' }), hex({ T: 23 })]).toEqual([true, false]);
    const b = matcher('sel:\n  F: true\ncondition: sel');
    expect([b({ F: true }), b({ F: 'TRUE' }), b({ F: false })]).toEqual([true, true, false]);
    const nul = matcher('sel:\n  F: null\ncondition: sel');
    expect([nul({}), nul({ F: null }), nul({ F: '' })]).toEqual([true, true, false]);
    const empty = matcher("sel:\n  F: ''\ncondition: sel");
    expect([empty({ F: '' }), empty({}), empty({ F: 'x' })]).toEqual([true, false, false]);
    expect(parseReason("sel:\n  F: ['', null]\ncondition: sel")).toBe('null-in-list');
  });
});

describe('regular expressions', () => {
  it('re is case-sensitive, with i, m and s sub-modifiers', () => {
    const re = matcher("sel:\n  F|re: 'foo.*baz'\ncondition: sel");
    expect([re({ F: 'xfoo-bar-bazx' }), re({ F: 'FOO-BAZ' })]).toEqual([true, false]);
    const i = matcher("sel:\n  F|re|i: '^foo$'\ncondition: sel");
    expect(i({ F: 'FOO' })).toBe(true);
    const m = matcher("sel:\n  F|re|m: '^b$'\ncondition: sel");
    const noM = matcher("sel:\n  F|re: '^b$'\ncondition: sel");
    expect([m({ F: 'a\nb\nc' }), noM({ F: 'a\nb\nc' })]).toEqual([true, false]);
    const s = matcher("sel:\n  F|re|s: 'a.c'\ncondition: sel");
    const noS = matcher("sel:\n  F|re: 'a.c'\ncondition: sel");
    expect([s({ F: 'a\nc' }), noS({ F: 'a\nc' })]).toEqual([true, false]);
    const inline = matcher("sel:\n  F|re: '(?i)^foo'\ncondition: sel");
    expect(inline({ F: 'FOObar' })).toBe(true);
  });

  it('rejects bad regexes and flags without re', () => {
    expect(parseReason("sel:\n  F|re: 'a(b'\ncondition: sel")).toBe('bad-regex');
    expect(parseReason("sel:\n  F|i: 'a'\ncondition: sel")).toBe('regex-flag-without-re');
    expect(parseReason("sel:\n  F|re|contains: 'a'\ncondition: sel")).toBe('incompatible-modifiers');
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 networks, and IPv4-mapped IPv6', () => {
    const m = matcher("sel:\n  Ip|cidr: ['10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32', 'fe80::1']\ncondition: sel");
    expect(['10.1.2.3', '192.168.1.255', '2001:db8::1', 'FE80::1', '::ffff:10.9.9.9'].map((Ip) => m({ Ip }))).toEqual([true, true, true, true, true]);
    expect(['11.0.0.1', '192.168.2.1', '2001:db9::1', 'fe80::2', 'not-an-ip', '10.0.0'].map((Ip) => m({ Ip }))).toEqual([false, false, false, false, false, false]);
    const zero = matcher("sel:\n  Ip|cidr: '0.0.0.0/0'\ncondition: sel");
    expect(zero({ Ip: '255.255.255.255' })).toBe(true);
    expect(parseReason("sel:\n  Ip|cidr: '10.0.0.0/33'\ncondition: sel")).toBe('bad-cidr');
  });
});

describe('encodings', () => {
  it('base64 and base64offset (the three shifted encodings)', () => {
    expect(base64Offsets(Buffer.from('whoami'))).toEqual(['d2hvYW1p', 'dob2Fta', '3aG9hbW']);
    expect(base64Offsets(Buffer.from(''))).toEqual([]);
    const m = matcher("sel:\n  F|base64offset|contains: 'whoami'\ncondition: sel");
    for (const prefix of ['', 'a', 'ab']) expect(m({ F: `x ${Buffer.from(`${prefix}whoami /all`).toString('base64')}` })).toBe(true);
    expect(m({ F: Buffer.from('whoareyou').toString('base64') })).toBe(false);
    const b = matcher("sel:\n  F|base64: 'whoami'\ncondition: sel");
    expect(b({ F: 'd2hvYW1p' })).toBe(true);
  });

  it('utf16le/wide, utf16be and utf16 (with BOM) before base64', () => {
    expect(utf16Bytes('cmd', 'utf16le').toString('hex')).toBe('63006d006400');
    expect(utf16Bytes('cmd', 'utf16be').toString('hex')).toBe('0063006d0064');
    expect(utf16Bytes('cmd', 'utf16').toString('hex')).toBe('fffe63006d006400');
    const wide = matcher("sel:\n  F|wide|base64offset|contains: 'ping'\ncondition: sel");
    expect(wide({ F: `powershell -enc ${Buffer.from('x ping y', 'utf16le').toString('base64')}` })).toBe(true);
    const be = matcher("sel:\n  F|utf16be|base64: 'cmd'\ncondition: sel");
    expect(be({ F: 'AGMAbQBk' })).toBe(true);
    const bom = matcher("sel:\n  F|utf16|base64: 'cmd'\ncondition: sel");
    expect(bom({ F: '//5jAG0AZAA=' })).toBe(true);
    expect(parseReason("sel:\n  F|contains|base64: 'x'\ncondition: sel")).toBe('modifier-order');
    expect(parseReason("sel:\n  F|base64: 'x*'\ncondition: sel")).toBe('wildcard-in-encoded-value');
  });

  it('windash: every dash variant at flag positions only', () => {
    expect(windashVariants(' -param-name ')).toEqual([' -param-name ', ' /param-name ', ' \u2013param-name ', ' \u2014param-name ', ' \u2015param-name ']);
    expect(windashVariants(' param-name ')).toEqual([' param-name ']);
    expect(windashVariants('-a /b')).toHaveLength(25);
    const m = matcher("sel:\n  CommandLine|contains|windash: ' -enc '\ncondition: sel");
    expect([' -enc ', ' /enc ', ' \u2013enc ', ' \u2014enc ', ' \u2015enc ', ' +enc '].map((c) => m({ CommandLine: `ps${c}x` }))).toEqual([true, true, true, true, true, false]);
  });
});

describe('exists, numeric comparisons, neq, time parts', () => {
  it('exists true/false checks presence only (null is present)', () => {
    const yes = matcher('sel:\n  F|exists: true\ncondition: sel');
    const no = matcher('sel:\n  F|exists: false\ncondition: sel');
    expect([yes({ F: '' }), yes({ F: null }), yes({})]).toEqual([true, true, false]);
    expect([no({}), no({ F: 1 })]).toEqual([true, false]);
    expect(parseReason("sel:\n  F|exists: 'yes'\ncondition: sel")).toBe('bad-exists-value');
  });

  it('gt, gte, lt, lte on numbers and numeric text', () => {
    const gt = matcher('sel:\n  F|gt: 0.5\ncondition: sel');
    expect([gt({ F: 0.75 }), gt({ F: '1' }), gt({ F: 0.5 }), gt({ F: 'abc' }), gt({})]).toEqual([true, true, false, false, false]);
    const gte = matcher('sel:\n  F|gte: 10\ncondition: sel');
    const lt = matcher('sel:\n  F|lt: 10\ncondition: sel');
    const lte = matcher('sel:\n  F|lte: 10\ncondition: sel');
    expect([gte({ F: 10 }), lt({ F: 10 }), lte({ F: '10' }), lt({ F: 9.9 })]).toEqual([true, false, true, true]);
    expect(parseReason("sel:\n  F|gt: 'ten'\ncondition: sel")).toBe('bad-number');
  });

  it('neq: present and different from every value', () => {
    const m = matcher('sel:\n  F|neq: [a, b]\ncondition: sel');
    expect([m({ F: 'c' }), m({ F: 'A' }), m({})]).toEqual([true, false, false]);
  });

  it('time parts of a date', () => {
    const hour = matcher('sel:\n  T|hour|gte: 22\ncondition: sel');
    expect([hour({ T: '2024-05-01T23:10:00Z' }), hour({ T: '2024-05-01T08:10:00Z' }), hour({ T: 'nope' })]).toEqual([true, false, false]);
    const month = matcher('sel:\n  T|month: 12\ncondition: sel');
    expect(month({ T: '2023-12-24T00:00:00Z' })).toBe(true);
  });
});

describe('fieldref and expand', () => {
  it('fieldref compares two fields of the event', () => {
    const eq = matcher('sel:\n  A|fieldref: B\ncondition: sel');
    expect([eq({ A: 'X', B: 'x' }), eq({ A: 'x', B: 'y' }), eq({ A: 'x' })]).toEqual([true, false, false]);
    const neq = matcher('sel:\n  A|fieldref|neq: B\ncondition: sel');
    expect([neq({ A: 'x', B: 'y' }), neq({ A: 'x', B: 'X' })]).toEqual([true, false]);
    const sw = matcher('sel:\n  A|fieldref|startswith: B\ncondition: sel');
    expect(sw({ A: 'admin_bob', B: 'ADMIN' })).toBe(true);
  });

  it('expand replaces %placeholders% with the values given; unknown ones are refused', () => {
    const placeholders = { Admins: ['adm_*', 'root'] };
    const m = matcher("sel:\n  User|expand: '%Admins%'\ncondition: sel", { placeholders });
    expect([m({ User: 'ADM_bob' }), m({ User: 'root' }), m({ User: 'bob' })]).toEqual([true, true, false]);
    const literal = matcher("sel:\n  User: '%Admins%'\ncondition: sel");
    expect(literal({ User: '%admins%' })).toBe(true);
    const escaped = matcher("sel:\n  F|expand: '\\%plain%Admins%'\ncondition: sel", { placeholders });
    expect(escaped({ F: '%plainroot' })).toBe(true);
    expect(() => matcher("sel:\n  User|expand: '%Nope%'\ncondition: sel", { placeholders })).toThrow(/Nope.*undefined-placeholder/);
  });
});

describe('modifier chains', () => {
  it('refuses unknown, duplicate and incompatible modifiers with a reason', () => {
    expect(checkModifierChain(['contains', 'bogus'])).toMatchObject({ reason: 'unknown-modifier' });
    expect(checkModifierChain(['contains', 'contains'])).toMatchObject({ reason: 'duplicate-modifier' });
    expect(checkModifierChain(['contains', 'endswith'])).toMatchObject({ reason: 'incompatible-modifiers' });
    expect(checkModifierChain(['cidr', 'contains'])).toMatchObject({ reason: 'incompatible-modifiers' });
    expect(checkModifierChain(['exists', 'all'])).toMatchObject({ reason: 'incompatible-modifiers' });
    expect(checkModifierChain(['gt', 'lt'])).toMatchObject({ reason: 'incompatible-modifiers' });
    expect(checkModifierChain(['base64', 'utf16le'])).toMatchObject({ reason: 'modifier-order' });
    expect(checkModifierChain(['wide', 'base64offset', 'contains'])).toEqual({ mods: ['wide', 'base64offset', 'contains'] });
    expect(checkModifierChain(['contains', 'windash'])).toEqual({ mods: ['contains', 'windash'] });
    expect(parseReason("sel:\n  F|containz: x\ncondition: sel")).toBe('unknown-modifier');
  });
});
