/** OCSF fingerprint.algorithm_id values (captions as in the 1.8.0 schema). */
export const HASH_ALGORITHM = {
  MD5: { id: 1, caption: 'MD5' },
  SHA1: { id: 2, caption: 'SHA-1' },
  SHA256: { id: 3, caption: 'SHA-256' },
  SHA512: { id: 4, caption: 'SHA-512' },
  CTPH: { id: 5, caption: 'CTPH' },
  TLSH: { id: 6, caption: 'TLSH' },
  QUICKXORHASH: { id: 7, caption: 'quickXorHash' },
  SHA224: { id: 8, caption: 'SHA-224' },
  SHA384: { id: 9, caption: 'SHA-384' },
  IMPHASH: { id: 18, caption: 'Imphash' },
} as const;

/** An OCSF `fingerprint` object. */
export interface Fingerprint {
  algorithm_id: number;
  algorithm: string;
  value: string;
}

const ALIASES: Record<string, keyof typeof HASH_ALGORITHM> = {
  md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512', sha224: 'SHA224', sha384: 'SHA384',
  ssdeep: 'CTPH', ctph: 'CTPH', tlsh: 'TLSH', imphash: 'IMPHASH', quickxorhash: 'QUICKXORHASH',
};

/** Builds one fingerprint from an algorithm name (case-insensitive, `SHA-256` or `sha256`) and value. */
export function buildFingerprint(algorithm: string, value: string): Fingerprint | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const canonical = ALIASES[algorithm.trim().toLowerCase().replace(/[-_]/g, '')];
  if (!canonical) return { algorithm_id: 99, algorithm: algorithm.trim(), value: v };
  const alg = HASH_ALGORITHM[canonical];
  return { algorithm_id: alg.id, algorithm: alg.caption, value: v };
}

/**
 * Parses a hash list such as Sysmon's `Hashes` (`SHA1=..,MD5=..,SHA256=..,IMPHASH=..`) into
 * fingerprints. A bare hex value without `=` is classified by length (32 MD5, 40 SHA-1,
 * 64 SHA-256, 128 SHA-512); anything else is skipped.
 */
export function parseHashList(text: string | undefined): Fingerprint[] {
  if (!text) return [];
  const out: Fingerprint[] = [];
  for (const part of text.split(/[,;]\s*/)) {
    const eq = part.indexOf('=');
    const fp = eq > 0 ? buildFingerprint(part.slice(0, eq), part.slice(eq + 1)) : byLength(part.trim());
    if (fp) out.push(fp);
  }
  return out;
}

function byLength(v: string): Fingerprint | undefined {
  if (!/^[0-9a-fA-F]+$/.test(v)) return undefined;
  const alg = ({ 32: 'MD5', 40: 'SHA1', 64: 'SHA256', 128: 'SHA512' } as Record<number, string>)[v.length];
  return alg ? buildFingerprint(alg, v) : undefined;
}
