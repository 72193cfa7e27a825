import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id (RFC 9106): memory-hard, so a stolen hash table costs an attacker GPU memory,
 * not just cycles; bcrypt also truncates passwords at 72 bytes, argon2 does not.
 * Parameters are the argon2 package defaults (64 MiB, t=3, p=4), OWASP's recommended floor.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (!hash) {
      // Spend the same time as a real check, so unknown users are not told apart by timing.
      this.dummyHash ??= this.hash(this.randomPassword());
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** A password nobody knows, for accounts that sign in through the directory or SSO. */
  randomPassword(bytes = 24): string {
    return randomBytes(bytes).toString('base64url');
  }
}
