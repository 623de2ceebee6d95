import type { FieldAccessor, SigmaEvent } from '../types';
import { isInheritedName, isObject, ownValue, walk, walkCollect } from './object-path';
import { PATH_PREFIX_ALIASES } from './ocsf-product-fields';

/**
 * Field access on OCSF events. The name given is either a target from the mapping tables
 * (`a.b|user:c.d|unmapped.X`, see ocsf-fields.ts) or a Sigma field no table renames:
 * a dotted name is an OCSF path (so rules can be written against OCSF directly), a plain
 * name a top-level attribute (`class_uid`, `message`); both fall back to `unmapped.<name>`.
 */

type Reader = (e: SigmaEvent) => unknown;

/** OCSF hash algorithm_id -> the name Sysmon writes in `Hashes`. */
const HASH_NAMES: Readonly<Record<number, string>> = { 1: 'MD5', 2: 'SHA1', 3: 'SHA256', 4: 'SHA512', 5: 'CTPH', 6: 'TLSH', 7: 'QUICKXORHASH', 8: 'SHA224', 9: 'SHA384', 10: 'SHA512/256', 11: 'SHA3-224', 12: 'SHA3-256', 13: 'SHA3-384', 14: 'SHA3-512', 15: 'XXHASH', 99: 'IMPHASH' };

function pathReader(path: string): Reader {
  const parts = path.split('.');
  if (parts.length === 1) {
    if (isInheritedName(path)) return (e) => ownValue(e, path);
    return (e) => e[path];
  }
  if (parts.some(isInheritedName)) return () => undefined;
  return (e) => walkCollect(e, parts);
}

/** A user object as Windows writes it: `DOMAIN\name`, or the name alone. */
function userReader(path: string): Reader {
  const parts = path.split('.');
  return (e) => {
    const user = walk(e, parts);
    if (!isObject(user)) return undefined;
    const name = user['name'];
    if (typeof name !== 'string') return undefined;
    const domain = user['domain'];
    return typeof domain === 'string' && domain !== '' ? `${domain}\\${name}` : name;
  };
}

/** A fingerprint array as Sysmon writes `Hashes`: `SHA1=...,MD5=...`. */
function hashesReader(path: string): Reader {
  const parts = path.split('.');
  return (e) => {
    const list = walk(e, parts);
    if (!Array.isArray(list) || list.length === 0) return undefined;
    const out: string[] = [];
    for (const h of list) {
      if (!isObject(h) || typeof h['value'] !== 'string') continue;
      const id = h['algorithm_id'];
      const alg = (typeof id === 'number' && id !== 99 ? HASH_NAMES[id] : undefined) ?? String(h['algorithm'] ?? 'UNKNOWN').toUpperCase().replace('-', '');
      out.push(`${alg}=${h['value']}`);
    }
    return out.length > 0 ? out.join(',') : undefined;
  };
}

function alternativeReader(alt: string): Reader {
  if (alt.startsWith('user:')) return userReader(alt.slice('user:'.length));
  if (alt.startsWith('hashes:')) return hashesReader(alt.slice('hashes:'.length));
  return pathReader(alt);
}

function firstPresent(readers: readonly Reader[]): Reader {
  if (readers.length === 1) return readers[0] as Reader;
  if (readers.length === 2) {
    const [a, b] = readers as [Reader, Reader];
    return (e) => {
      const v = a(e);
      return v !== undefined ? v : b(e);
    };
  }
  return (e) => {
    for (let i = 0; i < readers.length; i++) {
      const v = (readers[i] as Reader)(e);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

/** The paths a name that no table renamed is looked up at, best first. */
function plainAlternatives(name: string): string[] {
  if (name.startsWith('unmapped.')) return [name];
  for (const [prefix, replacement] of Object.entries(PATH_PREFIX_ALIASES)) {
    if (name.startsWith(prefix)) return [replacement + name.slice(prefix.length), `unmapped.${name}`];
  }
  return [name, `unmapped.${name}`];
}

/**
 * The accessor of a mapping target or a plain field name on OCSF events. Arrays met on the
 * way (`answers.rdata`, `resources.name`) give the array of values found in them.
 */
export function ocsfAccessor(name: string): FieldAccessor {
  const alternatives = name.includes('|') ? name.split('|') : plainAlternatives(name);
  return firstPresent(alternatives.map(alternativeReader));
}
