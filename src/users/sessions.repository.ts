import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';

import { dialectOf } from '../database/dialect.js';
import { multiRowInserts } from '../database/multi-row-insert.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';

/**
 * Session rows (SessionService's storage: the SHA-256 of the cookie's id, its user, expiry). They
 * live beside the users, in the users module, because auth imports users; disabling a user ends
 * their sessions in the same transaction (UsersRepository, DirectoryUsersRepository).
 */
@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Stores new session rows (idHash is the SHA-256 of the cookie's id, never the id itself) in
   * multi-row INSERTs (multiRowInserts), values converted by the driver as the ORM would; throws
   * the database's error when they were not stored. SessionService batches the sign-ins' rows.
   */
  async insertSessions(rows: SessionEntity[]): Promise<void> {
    const { metadata, manager } = this.sessions;
    const { driver, options } = manager.connection;
    const statements = multiRowInserts(
      dialectOf(options.type),
      metadata.tableName,
      metadata.columns.map((column) => column.databaseName),
      rows.map((row) =>
        metadata.columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)),
      ),
    );
    for (const { sql, parameters } of statements) await manager.query(sql, parameters);
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
