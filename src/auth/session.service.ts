import { createHash, randomBytes } from 'node:crypto';

import { type BeforeApplicationShutdown, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { LogWriteQueue, SHUTDOWN_FLUSH_MS } from '../logs/log-write-queue.js';
import { signIns } from '../metrics/instruments.js';
import type { SessionEntity } from '../users/entities/session.entity.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { SessionsRepository } from '../users/sessions.repository.js';
import { UsersRepository } from '../users/users.repository.js';
import { INVALID_LOGIN } from './login-input.js';

export const SESSION_COOKIE = 'hd_session';
/** Session rows per INSERT at most. */
const SESSION_BATCH_ROWS = 200;

/** No session for a user deleted or disabled while signing in: the 401 of every failed sign-in. */
export class SessionRefused extends UnauthorizedException {
  constructor() {
    super(INVALID_LOGIN);
  }
}

/**
 * Server-side sessions in the database, so several instances share them. The cookie
 * holds 32 random bytes; the table holds their SHA-256.
 */
@Injectable()
export class SessionService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionService.name);
  /**
   * New session rows; each sign-in waits for its own (write()), and those that come while one
   * INSERT is on its way share the next (issue 16). Not closed at shutdown: a sign-in still being
   * answered then needs its row, and the database is open until every answer is sent.
   */
  private readonly sessionRows: LogWriteQueue<SessionEntity>;
  /** Last sign-in times, written behind the answer; those that come while one is written share the next. */
  private readonly lastLogins: LogWriteQueue<{ id: number; at: Date }>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly logs: LdapLogService,
  ) {
    this.sessionRows = new LogWriteQueue<SessionEntity>({
      writeRows: (rows) => this.sessions.insertSessions(rows),
      capacity: Number.MAX_SAFE_INTEGER, // write() only: each sign-in holds its own row until stored
      batchSize: SESSION_BATCH_ROWS,
      retryMs: 1_000,
      onWriteFailed: () => undefined, // each sign-in answers its own failure
      writeAloneOnFailure: true,
    });
    this.lastLogins = new LogWriteQueue({
      writeRows: (rows) => this.users.recordLogins(rows),
      capacity: 10_000,
      batchSize: 500,
      retryMs: 1_000,
      onWriteFailed: (error, rows) =>
        this.logger.warn(
          `storing ${rows} last sign-in time(s) failed, tried again: ${error instanceof Error ? error.message : String(error)}`,
        ),
      onLate: (rows) => this.logger.warn(`${rows} last sign-in time(s) came after shutdown began: not stored`),
    });
  }

  /**
   * Starts a session, ending the one the request came with (a new id at every login); returns the
   * new session's id hash (SHA-256 of the cookie's token, hex).
   */
  async start(user: UserEntity, method: string, req: Request, res: Response): Promise<string> {
    await this.end(req, res);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    // the session row before the cookie (the next request reads it); the last sign-in time behind
    // the answer, nothing reads it on the way (issue 16)
    const idHash = hashToken(token);
    try {
      await this.sessionRows.write([
        {
          idHash,
          userId: user.id,
          authMethod: method,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.config.sessionTtlSeconds * 1000),
          ip: req.ip ?? null,
        },
      ]);
    } catch (error) {
      // a user deleted since the sign-in read it: the row's foreign key fails
      await this.refuseIfGone(user, method);
      throw error;
    }
    await this.lastLogins.append([{ id: user.id, at: now }]);
    signIns.inc({ outcome: 'success', method });
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: this.config.sessionTtlSeconds * 1000,
    });
    return idHash;
  }

  /**
   * Throws SessionRefused, with the reason logged, when the session row could not be stored because
   * the user was deleted or disabled since the sign-in read it (during the bind, say). A user
   * disabled before a row that did store gets no further: resolve() refuses and ends that session
   * at its first use, so a successful insert costs no read here (issue 16).
   */
  private async refuseIfGone(user: UserEntity, method: string): Promise<void> {
    const now = await this.users.getById(user.id);
    if (now?.status === 'active') return;
    const why = now ? 'disabled' : 'deleted';
    await this.logs.append({
      level: 'warn',
      event: 'login.refused',
      actor: user.email,
      message: `${user.email}: sign-in (${method}) refused, no session: the user was ${why} while signing in`,
    });
    throw new SessionRefused();
  }

  /** Waits until every last sign-in time stored behind an answer so far is written. */
  flushLastLogins(): Promise<void> {
    return this.lastLogins.flush();
  }

  /**
   * Before the database connection closes: the last sign-in times still queued (SHUTDOWN_FLUSH_MS
   * at most); those left, and any that come later, are counted in a warning.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const unwritten = (await this.lastLogins.close(SHUTDOWN_FLUSH_MS)).length;
    if (unwritten > 0)
      this.logger.warn(`${unwritten} last sign-in time(s) not stored within ${SHUTDOWN_FLUSH_MS} ms of shutdown`);
  }

  /** The user of a valid, unexpired session of an active user (and the session's id hash); anything else ends it. */
  async resolve(req: Request): Promise<{ user: UserEntity; method: string; idHash: string } | null> {
    const token = readToken(req);
    if (!token) return null;
    const idHash = hashToken(token);
    const found = await this.sessions.getSessionWithUser(idHash);
    if (!found) return null;
    if (found.session.expiresAt.getTime() <= Date.now() || found.user.status !== 'active') {
      await this.sessions.deleteSession(idHash);
      return null;
    }
    return { user: found.user, method: found.session.authMethod, idHash };
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
