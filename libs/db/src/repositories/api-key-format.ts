import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `soc_<prefix>_<secret>`: the 8-character prefix is public (shown in lists, used to find the
 * row); the secret is 32 random bytes in base64url (43 characters). The prefix alphabet has
 * no `_`, so the fixed layout parses without ambiguity even though base64url may contain `_`.
 */
export const API_KEY_PATTERN = /^soc_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A freshly generated key: the plaintext is shown once and never stored. */
export interface GeneratedApiKey {
  readonly plaintext: string;
  readonly prefix: string;
  readonly secretHash: string;
}

function randomPrefix(): string {
  let out = '';
  while (out.length < 8) {
    for (const b of randomBytes(16)) {
      // Rejection sampling: 252 is the largest multiple of 36 below 256, so no letter is favoured.
      if (b < 252 && out.length < 8) out += PREFIX_ALPHABET[b % 36];
    }
  }
  return out;
}

/**
 * SHA-256 of the secret, hex. A slow password hash (argon2, scrypt) defends low-entropy human
 * secrets against guessing; these secrets are 256 random bits, so no guessing attack exists
 * to slow down, and a fast hash keeps authentication cheap on every request.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Generate a new key. */
export function generateApiKey(): GeneratedApiKey {
  const prefix = randomPrefix();
  const secret = randomBytes(32).toString('base64url');
  return { plaintext: `soc_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

/** Split a presented key into prefix and secret, or null if it is not shaped like one. */
export function parseApiKey(plaintext: unknown): { prefix: string; secret: string } | null {
  if (typeof plaintext !== 'string') return null;
  const m = API_KEY_PATTERN.exec(plaintext);
  return m?.[1] && m[2] ? { prefix: m[1], secret: m[2] } : null;
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function apiKeySecretMatches(secret: string, storedHashHex: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHashHex, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
