import { isIP } from 'node:net';

/**
 * IP addresses as fixed-width 32-char lowercase hex of the 128-bit (IPv4-mapped for v4) value.
 * Fixed width makes plain string comparison equal numeric comparison, so CIDR containment is
 * a range test any SQL engine can do on bound parameters, with no IP functions needed.
 */

const V4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;

function v4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(ip: string): bigint {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  let tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    tail = v4ToBigInt(last);
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const restParts = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headParts.length - restParts.length;
  const groups = rest === undefined ? headParts : [...headParts, ...Array<string>(missing).fill('0'), ...restParts];
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tail !== undefined) value = (value & ~0xffffffffn) | tail;
  return value;
}

function toBigInt(ip: string): bigint | undefined {
  const kind = isIP(ip);
  if (kind === 4) return V4_MAPPED_PREFIX | v4ToBigInt(ip);
  if (kind === 6) return v6ToBigInt(ip);
  return undefined;
}

const hex = (v: bigint): string => v.toString(16).padStart(32, '0');
const V4_MAPPED_HEX = '00000000000000000000ffff';

/** Dotted quad to 8 hex chars with plain numbers: IPv4 is by far the common case on the write path. */
function v4Hex(ip: string): string {
  let out = V4_MAPPED_HEX;
  let start = 0;
  for (let i = 0; i < 4; i++) {
    const dot = ip.indexOf('.', start);
    const octet = Number(ip.slice(start, dot < 0 ? undefined : dot));
    out += octet < 16 ? `0${octet.toString(16)}` : octet.toString(16);
    start = dot + 1;
  }
  return out;
}

/** The address as 32 hex chars, or undefined when `ip` is not an IPv4/IPv6 literal. */
export function ipToHex(ip: string): string | undefined {
  const kind = isIP(ip);
  if (kind === 4) return v4Hex(ip);
  if (kind === 6) return hex(v6ToBigInt(ip));
  return undefined;
}

/** Inclusive [lo, hi] hex bounds of a CIDR block (`10.0.0.0/8`, `2001:db8::/32`), or undefined if malformed. */
export function cidrToHexRange(cidr: string): { lo: string; hi: string } | undefined {
  const slash = cidr.indexOf('/');
  const addr = slash < 0 ? cidr : cidr.slice(0, slash);
  const prefixText = slash < 0 ? undefined : cidr.slice(slash + 1);
  const kind = isIP(addr);
  if (kind === 0) return undefined;
  const maxPrefix = kind === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (prefix > maxPrefix) return undefined;
  const bits = BigInt(kind === 4 ? prefix + 96 : prefix);
  const hostMask = ALL_ONES >> bits;
  const base = toBigInt(addr) ?? 0n;
  return { lo: hex(base & ~hostMask & ALL_ONES), hi: hex((base & ~hostMask) | hostMask) };
}
