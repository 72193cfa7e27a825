import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12; // the size GCM is specified for (NIST SP 800-38D §8.2)
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const APP_KEY_FORM =
  'APP_KEY must be "base64:" followed by 44 base64 characters, or 64 hex characters (32 bytes either way); ' +
  'generate one with: openssl rand -hex 32';

/**
 * Encrypts secrets at rest (the bind password) with AES-256-GCM. Tokens read
 * `v1:<iv>:<tag>:<ciphertext>` (base64 parts) so the format can change without guessing.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES)
      throw new Error(`SecretCipher needs a ${KEY_BYTES}-byte key, got ${key.length} bytes`);
    this.key = Buffer.from(key);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(VERSION));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(
      ':',
    );
  }

  decrypt(token: string): string {
    const { iv, tag, ciphertext } = splitToken(token);
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('cannot decrypt the stored secret: it was encrypted with another APP_KEY or has been altered');
    }
  }
}

function splitToken(token: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = token.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((part) => BASE64.test(part))) {
    throw new Error(`cannot decrypt the stored secret: expected the format ${VERSION}:<iv>:<tag>:<ciphertext>`);
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error(`cannot decrypt the stored secret: expected a ${IV_BYTES}-byte IV and a ${TAG_BYTES}-byte tag`);
  }
  return { iv, tag, ciphertext };
}

/** Reads APP_KEY: `base64:` + 44 base64 characters, or 64 hex characters. Never echoes the value. */
export function parseAppKey(value: string): Buffer {
  const text = value.trim();
  if (text.startsWith('base64:')) {
    const encoded = text.slice('base64:'.length);
    const key = Buffer.from(encoded, 'base64');
    if (encoded.length === 44 && BASE64.test(encoded) && key.length === KEY_BYTES) return key;
    throw new Error(APP_KEY_FORM);
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  throw new Error(APP_KEY_FORM);
}
