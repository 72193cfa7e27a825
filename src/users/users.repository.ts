import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';

import { containsPattern, LIKE_ESCAPE } from '../database/like.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';

export type NewUser = Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  count(): Promise<number> {
    return this.users.count();
  }

  getById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  getByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  getByLdapUid(ldapUid: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ ldapUid });
  }

  getByLdapDn(ldapDn: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ ldapDn });
  }

  /** Users that a directory entry could be: by stable id, DN or email (batched for imports). */
  async findDirectoryCandidates(keys: { uids: string[]; dns: string[]; emails: string[] }): Promise<UserEntity[]> {
    const where = [];
    if (keys.uids.length) where.push({ ldapUid: In(keys.uids) });
    if (keys.dns.length) where.push({ ldapDn: In(keys.dns) });
    if (keys.emails.length) where.push({ email: In(keys.emails.map((e) => e.toLowerCase())) });
    return where.length ? this.users.find({ where }) : [];
  }

  async list(options: { page: number; pageSize: number; q?: string }): Promise<{ items: UserEntity[]; total: number }> {
    const query = this.users.createQueryBuilder('u').orderBy('u.id', 'ASC');
    if (options.q) {
      query.where(`(u.email LIKE :like ${LIKE_ESCAPE} OR LOWER(u.first_name) LIKE :like ${LIKE_ESCAPE} OR LOWER(u.last_name) LIKE :like ${LIKE_ESCAPE})`, { like: containsPattern(options.q) });
    }
    const [items, total] = await query.skip((options.page - 1) * options.pageSize).take(options.pageSize).getManyAndCount();
    return { items, total };
  }

  create(user: NewUser): Promise<UserEntity> {
    return this.users.save(this.users.create({ ...user, email: user.email.trim().toLowerCase() }));
  }

  async update(id: number, changes: Partial<NewUser>): Promise<UserEntity> {
    if (changes.email) changes.email = changes.email.trim().toLowerCase();
    await this.users.update({ id }, changes);
    return this.users.findOneByOrFail({ id });
  }

  /** Disabling a user and ending their sessions is one step: nobody stays signed in. */
  async setStatus(id: number, status: UserEntity['status']): Promise<void> {
    await this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id }, { status });
      if (status === 'disabled') await manager.delete(SessionEntity, { userId: id });
    });
  }

  async recordLogin(id: number, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: at });
  }

  // Sessions live beside their users so that disabling a user ends them in one transaction.

  createSession(session: SessionEntity): Promise<SessionEntity> {
    return this.sessions.save(session);
  }

  async getSessionWithUser(idHash: string): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    const session = await this.sessions.findOneBy({ idHash });
    if (!session) return null;
    const user = await this.users.findOneBy({ id: session.userId });
    return user ? { session, user } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.sessions.delete({ idHash });
  }

  async deleteSessionsOfUser(userId: number): Promise<void> {
    await this.sessions.delete({ userId });
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    const result = await this.sessions.createQueryBuilder().delete().where('expires_at < :now', { now }).execute();
    return result.affected ?? 0;
  }
}
