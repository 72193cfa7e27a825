import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { signIns } from '../metrics/instruments.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { SessionsRepository } from '../users/sessions.repository.js';
import { UsersRepository } from '../users/users.repository.js';

export const SESSION_COOKIE = 'hd_session';

/**
 * Server-side sessions in the database, so several instances share them. The cookie
 * holds 32 random bytes; the table holds their SHA-256.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
  ) {}

  /** Starts a session, ending the one the request came with (a new id at every login). */
  async start(user: UserEntity, method: string, req: Request, res: Response): Promise<void> {
    await this.end(req, res);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    // two rows of two tables, neither waiting for the other: one round trip of wall time, not two
    await Promise.all([
      this.sessions.createSession({
        idHash: hashToken(token),
        userId: user.id,
        authMethod: method,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.sessionTtlSeconds * 1000),
        ip: req.ip ?? null,
      }),
      this.users.recordLogin(user.id, now),
    ]);
    signIns.inc({ outcome: 'success', method });
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: this.config.sessionTtlSeconds * 1000,
    });
  }

  /** The user of a valid, unexpired session of an active user; anything else ends it. */
  async resolve(req: Request): Promise<{ user: UserEntity; method: string } | null> {
    const token = readToken(req);
    if (!token) return null;
    const idHash = hashToken(token);
    const found = await this.sessions.getSessionWithUser(idHash);
    if (!found) return null;
    if (found.session.expiresAt.getTime() <= Date.now() || found.user.status !== 'active') {
      await this.sessions.deleteSession(idHash);
      return null;
    }
    return { user: found.user, method: found.session.authMethod };
  }

  async end(req: Request, res: Response): Promise<void> {
    const token = readToken(req);
    if (token) await this.sessions.deleteSession(hashToken(token));
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.secure });
  }
}

function readToken(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
