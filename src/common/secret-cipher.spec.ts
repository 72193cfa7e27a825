import { randomBytes } from 'node:crypto';
import { parseAppKey, SecretCipher } from './secret-cipher.js';

const key = randomBytes(32);

describe('SecretCipher', () => {
  const cipher = new SecretCipher(key);

  it.each(['bind-password', '', 'pässwörd 🔑 with: colons', 'x'.repeat(10_000)])('round-trips %p', (plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('writes versioned tokens v1:<iv>:<tag>:<ciphertext> without the plain text', () => {
    const token = cipher.encrypt('bind-password');
    const [version, iv, tag, ciphertext] = token.split(':');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength('bind-password'.length);
    expect(token).not.toContain('bind-password');
  });

  it('uses a random IV, so the same secret gives different tokens', () => {
    const tokens = new Set(Array.from({ length: 20 }, () => cipher.encrypt('same')));
    expect(tokens.size).toBe(20);
  });

  it('refuses a token encrypted with another key, without showing any secret', () => {
    const token = new SecretCipher(randomBytes(32)).encrypt('top-secret');
    expect(() => cipher.decrypt(token)).toThrow(
      'cannot decrypt the stored secret: it was encrypted with another APP_KEY or has been altered',
    );
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 2],
    ['iv', 1],
  ])('detects a tampered %s', (_part, index) => {
    const parts = cipher.encrypt('top-secret').split(':');
    const bytes = Buffer.from(parts[index], 'base64');
    bytes[0] ^= 0x01;
    parts[index] = bytes.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow('has been altered');
  });

  it.each(['', 'plain-text', 'v2:a:b:c', 'v1:a:b', 'v1:!!:??:**', 'v1:AAAA:AAAA:AAAA'])(
    'refuses the malformed token %p',
    (token) => {
      expect(() => cipher.decrypt(token)).toThrow(/^cannot decrypt the stored secret: expected/);
    },
  );

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretCipher(randomBytes(16))).toThrow('needs a 32-byte key, got 16 bytes');
  });

  it('keeps its own copy of the key', () => {
    const mutable = Buffer.from(key);
    const own = new SecretCipher(mutable);
    const token = own.encrypt('s');
    mutable.fill(0);
    expect(own.decrypt(token)).toBe('s');
  });
});

describe('parseAppKey', () => {
  it('reads base64:<44 chars>', () => {
    expect(parseAppKey(`base64:${key.toString('base64')}`)).toEqual(key);
  });

  it('reads 64 hex characters, in either case, ignoring surrounding whitespace', () => {
    expect(parseAppKey(key.toString('hex').toUpperCase())).toEqual(key);
    expect(parseAppKey(` ${key.toString('hex')}\n`)).toEqual(key);
  });

  it.each([
    '',
    'secret',
    `base64:${randomBytes(16).toString('base64')}`,
    `base64:${randomBytes(33).toString('base64')}`,
    `base64:${key.toString('base64').replace(/.$/, '!')}`,
    key.toString('hex').slice(1),
    `${key.toString('hex')}00`,
    key.toString('base64'),
  ])('refuses %p naming the expected form, without echoing it', (value) => {
    let message = '';
    try {
      parseAppKey(value);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('APP_KEY must be "base64:" followed by 44 base64 characters, or 64 hex characters');
    if (value.length > 8) expect(message).not.toContain(value);
  });
});
