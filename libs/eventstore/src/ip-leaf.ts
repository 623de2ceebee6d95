import { ipToHex } from './ip';

/**
 * Which leaves get an IP form. Checking every string with a full IP parse dominated indexing
 * cost, and addresses live under predictable keys in OCSF: `ip`, `*_ip`, `ips`, `*_ips`
 * (e.g. `intermediate_ips`), plus the values of `observables`. A CIDR filter on any other
 * path matches nothing.
 */
export function isIpKey(key: string, topKey: string): boolean {
  const n = key.length;
  if (n < 2) return false;
  if (key.charCodeAt(n - 1) === 115 /* s */) return isIpKey(key.slice(0, -1), '');
  if (key.charCodeAt(n - 2) !== 105 /* i */ || key.charCodeAt(n - 1) !== 112 /* p */) return key === 'value' && topKey === 'observables';
  return n === 2 || key.charCodeAt(n - 3) === 95 /* _ */;
}

/** Cheap shape test first (length, first char, a dot or colon), so most non-IP text never reaches the parser. */
export function ipLeafHex(value: string): string | undefined {
  const n = value.length;
  if (n < 2 || n > 45) return undefined;
  const c = value.charCodeAt(0);
  const digit = c >= 48 && c <= 57;
  const hexOrColon = c === 58 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
  if (!digit && !hexOrColon) return undefined;
  if (value.indexOf('.') < 0 && value.indexOf(':') < 0) return undefined;
  return ipToHex(value);
}
