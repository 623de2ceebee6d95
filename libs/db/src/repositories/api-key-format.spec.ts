import { API_KEY_PATTERN, apiKeySecretMatches, generateApiKey, hashApiKeySecret, parseApiKey } from './api-key-format';

describe('API key format', () => {
  it('generates soc_<8-char prefix>_<43-char base64url secret> with a SHA-256 hash of the secret', () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    for (const k of keys) {
      expect(k.plaintext).toMatch(API_KEY_PATTERN);
      const parsed = parseApiKey(k.plaintext);
      expect(parsed?.prefix).toBe(k.prefix);
      expect(Buffer.from(parsed?.secret ?? '', 'base64url')).toHaveLength(32);
      expect(k.secretHash).toBe(hashApiKeySecret(parsed?.secret ?? ''));
      expect(k.secretHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
  });

  it('parses by position, so underscores inside the secret are fine', () => {
    const secret = `${'_'.repeat(20)}${'-'.repeat(23)}`;
    expect(parseApiKey(`soc_abcd1234_${secret}`)).toEqual({ prefix: 'abcd1234', secret });
  });

  it('rejects anything not shaped like a key', () => {
    const good = generateApiKey().plaintext;
    for (const bad of ['', good.slice(1), `${good}=`, good.replace('soc_', 'SOC_'), good.toUpperCase(), ` ${good}`, 42, null]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('compares secrets against the stored hash', () => {
    const k = generateApiKey();
    const secret = parseApiKey(k.plaintext)?.secret ?? '';
    expect(apiKeySecretMatches(secret, k.secretHash)).toBe(true);
    expect(apiKeySecretMatches(`${secret.slice(0, -1)}x`, k.secretHash)).toBe(false);
    expect(apiKeySecretMatches(secret, 'not-hex')).toBe(false);
  });
});
