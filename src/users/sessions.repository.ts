import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';

import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';

/** Session rows per INSERT at most. */
const SESSION_BATCH_ROWS = 200;

/**
 * Session rows (SessionService's storage: the SHA-256 of the cookie's id, its user, expiry). They
 * live beside the users, in the users module, because auth imports users; disabling a user ends
 * their sessions in the same transaction (UsersRepository, DirectoryUsersRepository).
 */
@Injectable()
export class SessionsRepository {
  private readonly waiting: { row: SessionEntity; resolve(): void; reject(error: unknown): void }[] = [];
  private inserting = false;

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Stores a new session row (idHash is the SHA-256 of the cookie's id, never the id itself) and
   * returns once it is in the database. Rows that arrive while one INSERT is on its way share the
   * next, multi-row one (issue 16: one statement for many sign-ins under load); should that fail,
   * each of its rows is tried alone, so one bad row fails its own sign-in only.
   */
  createSession(session: SessionEntity): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row: session, resolve, reject });
      if (!this.inserting) void this.insertWaiting();
    });
  }

  private async insertWaiting(): Promise<void> {
    this.inserting = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, SESSION_BATCH_ROWS);
      try {
        await this.insertRows(batch.map((w) => w.row));
        for (const w of batch) w.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else await Promise.all(batch.map((w) => this.insertRows([w.row]).then(w.resolve, w.reject)));
      }
    }
    this.inserting = false;
  }

  /** A plain multi-row INSERT, values converted by the driver as the ORM would. */
  private async insertRows(rows: SessionEntity[]): Promise<void> {
    const { metadata, manager } = this.sessions;
    const columns = metadata.columns;
    const values = rows.flatMap((row) =>
      columns.map((c) => manager.connection.driver.preparePersistentValue(c.getEntityValue(row), c)),
    );
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await this.sessions.query(
      `INSERT INTO sessions (${columns.map((c) => c.databaseName).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
      values,
    );
  }

  /** The session with this id hash and its user, or null when either is gone (expiry is the caller's check). */
  async getSessionWithUser(idHash: string): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    const session = await this.sessions.findOneBy({ idHash });
    if (!session) return null;
    const user = await this.users.findOneBy({ id: session.userId });
    return user ? { session, user } : null;
  }

  /** Ends one session (sign-out, an expired session found). */
  async deleteSession(idHash: string): Promise<void> {
    await this.sessions.delete({ idHash });
  }

  /** Ends every session of a user (a password change), but the one with `exceptIdHash` when given. */
  async deleteSessionsOfUser(userId: number, exceptIdHash?: string): Promise<void> {
    await this.sessions.delete(exceptIdHash === undefined ? { userId } : { userId, idHash: Not(exceptIdHash) });
  }

  /** Deletes sessions that expired before now; returns how many. */
  async deleteExpiredSessions(now: Date): Promise<number> {
    const result = await this.sessions.createQueryBuilder().delete().where('expires_at < :now', { now }).execute();
    return result.affected ?? 0;
  }
}
