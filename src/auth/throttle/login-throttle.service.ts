import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LoginAttemptsRepository } from './login-attempts.repository.js';

interface Rule {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts failed sign-ins per login and per client address before any bind, so our form can
 * never drive a directory account into lockout. Counters live in the database: every
 * instance sees the same numbers.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: LoginAttemptsRepository,
  ) {}

  /**
   * Seconds to wait when a limit is reached (else 0), and whether this login has failures on
   * record (only then does a success need to clear them). One query for both counters.
   */
  async check(
    login: string,
    ip: string | undefined,
    now = new Date(),
  ): Promise<{ wait: number; loginHasFailures: boolean }> {
    const rules = this.rules(login, ip);
    const rows = new Map(
      (await this.attempts.getMany(rules.map((r) => hashKey(r.key)))).map((row) => [row.keyHash, row]),
    );
    let wait = 0;
    for (const rule of rules) {
      const row = rows.get(hashKey(rule.key));
      if (!row) continue;
      const windowEnd = row.windowStart.getTime() + rule.windowMs;
      if (windowEnd > now.getTime() && row.failures >= rule.limit)
        wait = Math.max(wait, Math.ceil((windowEnd - now.getTime()) / 1000));
    }
    return { wait, loginHasFailures: rows.has(hashKey(loginKey(login))) };
  }

  async recordFailure(login: string, ip: string | undefined, now = new Date()): Promise<void> {
    for (const rule of this.rules(login, ip)) {
      await this.attempts.addFailure(hashKey(rule.key), now, new Date(now.getTime() - rule.windowMs));
    }
  }

  /** A success clears the per-login counter (not the per-address one). */
  async recordSuccess(login: string): Promise<void> {
    await this.attempts.clear(hashKey(loginKey(login)));
  }

  private rules(login: string, ip: string | undefined): Rule[] {
    const t = this.config.loginThrottle;
    const rules: Rule[] = [{ key: loginKey(login), limit: t.perLogin, windowMs: t.perLoginWindowSeconds * 1000 }];
    if (ip) rules.push({ key: `ip:${ip}`, limit: t.perClient, windowMs: t.perClientWindowSeconds * 1000 });
    return rules;
  }
}

function loginKey(login: string): string {
  return `login:${login.trim().toLowerCase()}`;
}

/** Keys are hashed: the table never lists who tried to sign in. */
function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
