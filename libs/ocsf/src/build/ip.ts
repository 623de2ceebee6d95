import { isIP } from 'node:net';

/**
 * Normalises an IP address string for OCSF `ip_t`: trims, strips IPv6 zone/brackets and
 * IPv4-mapped prefixes; returns `undefined` for anything that is not an IP (`-`, `::ffff:`
 * noise, host names) so it is never put in an `ip` attribute.
 */
export function normalizeIp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // A plain address (no zone, brackets, blanks or IPv4-mapped prefix) is returned as is:
  // isIP rejects blanks and brackets, and `:`-leading and `%` forms take the full path.
  if (value.charCodeAt(0) !== 58 && value.indexOf('%') < 0 && isIP(value) !== 0) return value;
  let s = value.trim().replace(/^\[|\]$/g, '');
  if (s.toLowerCase().startsWith('::ffff:') && isIP(s.slice(7)) === 4) s = s.slice(7);
  const bare = s.split('%')[0] ?? s;
  return isIP(bare) !== 0 ? bare : undefined;
}

/** Parses a TCP/UDP port (number or numeric string) into 0..65535, else `undefined`. */
export function parsePort(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined;
}
