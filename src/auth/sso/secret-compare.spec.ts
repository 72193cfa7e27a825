import { secretMatches } from './secret-compare.js';

describe('secretMatches', () => {
  const secret = 'a-proxy-secret-of-some-length';

  it('accepts the exact secret only', () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(`${secret} `, secret)).toBe(false);
    expect(secretMatches(secret.slice(0, -1), secret)).toBe(false);
    expect(secretMatches(secret.toUpperCase(), secret)).toBe(false);
  });

  it('refuses a missing or empty secret, even against an empty setting', () => {
    expect(secretMatches(undefined, secret)).toBe(false);
    expect(secretMatches('', secret)).toBe(false);
    expect(secretMatches('', '')).toBe(false);
    expect(secretMatches(undefined, '')).toBe(false);
  });
});
