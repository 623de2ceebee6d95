/**
 * The `cidr` modifier: IPv4 and IPv6 networks, parsed by hand into 32-bit words so that a
 * match is a few integer operations (no regex, no bigint). IPv4-mapped IPv6 addresses
 * (`::ffff:10.1.2.3`) match IPv4 networks.
 */

/** A network: family, the address as 32-bit words (1 for v4, 4 for v6), and the prefix length. */
export interface Cidr {
  readonly v6: boolean;
  readonly words: readonly number[];
  readonly prefix: number;
}

/** Parses dotted-quad IPv4 into an unsigned 32-bit number, or -1. */
export function parseIPv4(s: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else {
      return -1;
    }
  }
  return parts === 4 ? value : -1;
}

function parseGroups(s: string, out: number[]): boolean {
  if (s === '') return true;
  for (const g of s.split(':')) {
    if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return false;
    out.push(parseInt(g, 16));
  }
  return true;
}

/** Parses IPv6 (with `::`, an embedded IPv4 tail and an optional `%zone`) into four 32-bit words. */
export function parseIPv6(input: string): number[] | undefined {
  const zone = input.indexOf('%');
  let s = zone >= 0 ? input.slice(0, zone) : input;
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
    // An IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 < 0) return undefined;
    s = `${s.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head: number[] = [];
  const rest: number[] = [];
  if (!parseGroups(halves[0] ?? '', head)) return undefined;
  if (halves.length === 2 && !parseGroups(halves[1] ?? '', rest)) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest];
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push((groups[i] ?? 0) * 65536 + (groups[i + 1] ?? 0));
  return words;
}

/** Parses `a.b.c.d/n`, `x::y/n` or a bare address (a host network); undefined when invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addr = (slash >= 0 ? text.slice(0, slash) : text).trim();
  const prefixText = slash >= 0 ? text.slice(slash + 1).trim() : undefined;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const v4 = parseIPv4(addr);
  if (v4 >= 0) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    return prefix > 32 ? undefined : { v6: false, words: [v4], prefix };
  }
  const v6 = parseIPv6(addr);
  if (v6 === undefined) return undefined;
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  return prefix > 128 ? undefined : { v6: true, words: v6, prefix };
}

function wordsMatch(net: readonly number[], ip: readonly number[], prefix: number): boolean {
  let left = prefix;
  for (let i = 0; left > 0; i++, left -= 32) {
    const bits = Math.min(32, left);
    const shift = 32 - bits;
    // Unsigned comparison of the top `bits` bits; division avoids the sign of 32-bit shifts.
    const a = Math.floor((net[i] ?? 0) / 2 ** shift);
    const b = Math.floor((ip[i] ?? 0) / 2 ** shift);
    if (a !== b) return false;
  }
  return true;
}

/** True when the text is an address inside the network. Non-addresses never match. */
export function cidrContains(net: Cidr, text: string): boolean {
  if (!net.v6) {
    let v4 = parseIPv4(text);
    if (v4 < 0) {
      const v6 = text.includes(':') ? parseIPv6(text) : undefined;
      // IPv4-mapped IPv6: ::ffff:a.b.c.d
      if (v6 === undefined || v6[0] !== 0 || v6[1] !== 0 || v6[2] !== 0xffff) return false;
      v4 = v6[3] ?? 0;
    }
    return wordsMatch(net.words, [v4], net.prefix);
  }
  if (!text.includes(':')) return false;
  const v6 = parseIPv6(text);
  return v6 !== undefined && wordsMatch(net.words, v6, net.prefix);
}
