import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { dialectOf } from '../database/dialect.js';
import { containsPattern, LIKE_ESCAPE } from '../database/like.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';

/** A page of the admin list: page from 1, filters by text (email, names, DN), sign-in source and status. */
export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  source?: string;
  status?: string;
}

/** A user row before the database gives it an id and timestamps. */
export type NewUser = Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt' | 'disabledBy'> &
  Partial<Pick<UserEntity, 'disabledBy'>>;

/**
 * User rows one at a time: look-ups, the admin list, create and update, status, last sign-in, and
 * the counts the dashboard shows. Sessions are in SessionsRepository, the directory import's batched
 * SQL in DirectoryUsersRepository.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

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

  /** A page of users for the admin list. */
  async list(options: UserListQuery): Promise<{ items: UserEntity[]; total: number }> {
    const query = this.users.createQueryBuilder('u').orderBy('u.id', 'ASC');
    if (options.q) {
      const columns = ['u.email', 'LOWER(u.first_name)', 'LOWER(u.last_name)', 'LOWER(u.ldap_dn)'];
      query.andWhere(`(${columns.map((c) => `${c} LIKE :like ${LIKE_ESCAPE}`).join(' OR ')})`, {
        like: containsPattern(options.q),
      });
    }
    if (options.source) query.andWhere('u.auth_source = :source', { source: options.source });
    if (options.status) query.andWhere('u.status = :status', { status: options.status });
    const [items, total] = await query
      .offset((options.page - 1) * options.pageSize)
      .limit(options.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Every active user with role admin (sign-in's lock-out check). */
  activeAdmins(): Promise<UserEntity[]> {
    return this.users.findBy({ role: 'admin', status: 'active' });
  }

  /** How many users there are per sign-in source, status and reason for being disabled: one GROUP BY. */
  async countBySourceAndStatus(): Promise<
    { authSource: string; status: string; disabledBy: string | null; count: number }[]
  > {
    const rows: { authSource: string; status: string; disabledBy: string | null; count: number | string }[] =
      await this.users
        .createQueryBuilder('u')
        .select('u.auth_source', 'authSource')
        .addSelect('u.status', 'status')
        .addSelect('u.disabled_by', 'disabledBy')
        .addSelect('COUNT(*)', 'count')
        .groupBy('u.auth_source')
        .addGroupBy('u.status')
        .addGroupBy('u.disabled_by')
        .getRawMany();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  create(user: NewUser): Promise<UserEntity> {
    return this.users.save(this.users.create({ ...user, email: user.email.trim().toLowerCase() }));
  }

  /** Updates a user; a change to disabled ends their sessions in the same transaction. */
  async update(id: number, changes: Partial<NewUser>): Promise<UserEntity> {
    if (changes.email) changes.email = changes.email.trim().toLowerCase();
    await this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id }, changes);
      if (changes.status === 'disabled') await manager.delete(SessionEntity, { userId: id });
    });
    return this.users.findOneByOrFail({ id });
  }

  /**
   * Sets a user's role and/or status (an admin's decision: `disabledBy` follows), unless that would
   * leave no active admin: one conditional UPDATE, so two admins demoting or disabling each other at
   * once cannot both succeed (on MariaDB the active admins' rows are locked first, whatever the
   * isolation level). Disabling ends the user's sessions in the same transaction. Returns false,
   * changing nothing, when the change was refused or there is no such user.
   */
  async setRoleAndStatus(
    id: number,
    changes: { role?: UserEntity['role']; status?: UserEntity['status'] },
  ): Promise<boolean> {
    return this.users.manager.transaction(async (manager) => {
      const mysql = dialectOf(manager.connection.options.type) === 'mysql';
      const stillAdmin = changes.role !== 'agent' && changes.status !== 'disabled';
      if (mysql) {
        // MySQL refuses an UPDATE whose subquery reads the same table (ER_UPDATE_TABLE_USED, 1093):
        // the active admins' rows, locked until the commit, answer the question instead
        const admins: { id: number }[] = await manager.query(
          "SELECT id FROM users WHERE role = 'admin' AND status = 'active' FOR UPDATE",
        );
        const ids = admins.map((row) => Number(row.id));
        if (!stillAdmin && ids.includes(id) && ids.length === 1) return false;
      }
      const set: Partial<UserEntity> = {};
      if (changes.role) set.role = changes.role;
      if (changes.status)
        Object.assign(set, { status: changes.status, disabledBy: changes.status === 'disabled' ? 'admin' : null });
      const query = manager.createQueryBuilder().update(UserEntity).set(set).where('id = :id', { id });
      // Either the user is no active admin now, or stays one, or another active admin remains.
      if (!stillAdmin && !mysql)
        query.andWhere(
          "(NOT (role = 'admin' AND status = 'active') OR EXISTS " +
            "(SELECT 1 FROM users other WHERE other.id <> :id AND other.role = 'admin' AND other.status = 'active'))",
        );
      const result = await query.execute();
      if (!result.affected) return false;
      if (changes.status === 'disabled') await manager.delete(SessionEntity, { userId: id });
      return true;
    });
  }

  /**
   * Stores the times of several successful sign-ins (lastLoginAt; the latest per user) in one
   * statement, as update() would write them (updated_at too).
   */
  async recordLogins(logins: { id: number; at: Date }[]): Promise<void> {
    const latest = new Map<number, Date>();
    for (const { id, at } of logins) {
      const seen = latest.get(id);
      if (!seen || at > seen) latest.set(id, at);
    }
    if (latest.size === 0) return;
    const column = this.users.metadata.findColumnWithPropertyName('lastLoginAt')!;
    const { driver } = this.users.manager.connection;
    const ids = [...latest.keys()];
    const times = [...latest].flatMap(([id, at]) => [id, driver.preparePersistentValue(at, column)]);
    await this.users.query(
      `UPDATE users SET last_login_at = CASE id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} END, ` +
        `updated_at = CURRENT_TIMESTAMP WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...times, ...ids],
    );
  }
}
