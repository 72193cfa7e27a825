import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

import { containsPattern, LIKE_ESCAPE } from '../database/like.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  source?: string;
  status?: string;
}

export type NewUser = Omit<UserEntity, 'id' | 'createdAt' | 'updatedAt' | 'disabledBy'> &
  Partial<Pick<UserEntity, 'disabledBy'>>;

/** One import batch: new users, and the changes of existing ones (a status change included). */
export interface DirectoryBatch {
  creates: NewUser[];
  updates: { id: number; changes: Partial<NewUser> }[];
}

/** Columns an import writes for a new user. */
const INSERTED: (keyof NewUser | 'createdAt' | 'updatedAt')[] = [
  'email',
  'firstName',
  'lastName',
  'jobTitle',
  'phone',
  'role',
  'status',
  'disabledBy',
  'authSource',
  'passwordHash',
  'ldapUid',
  'ldapDn',
  'lastLoginAt',
  'syncedAt',
  'createdAt',
  'updatedAt',
];

/** `?, ?, …`: positional placeholders, the same in mysql2 and better-sqlite3. */
/** Up to this many candidate keys, one whole-row UNION; more, ids first (see findDirectoryCandidates). */
const FEW_KEYS = 12;

function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

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

  /**
   * Users that a directory entry could be: by stable id, DN or email (batched for imports). One
   * indexed IN per kind of key joined with UNION, for ids only, then the rows by primary key: an
   * OR of the three makes MariaDB merge three index scans, three round trips cost an import more
   * than the lookups do, and a UNION of whole rows deduplicates 1000-character DNs in a temporary
   * table (measured with bench/sync/candidates-probe.ts: 1.6 × slower on MariaDB for a re-sync).
   * One kind of key (no UNION) or a handful of keys (one sign-in) keeps the one round trip.
   */
  async findDirectoryCandidates(keys: { uids: string[]; dns: string[]; emails: string[] }): Promise<UserEntity[]> {
    const lists: [string, string[]][] = [
      ['ldap_uid', keys.uids],
      ['ldap_dn', keys.dns],
      ['email', keys.emails.map((e) => e.toLowerCase())],
    ];
    const parts: string[] = [];
    const params: string[] = [];
    for (const [column, values] of lists) {
      const unique = [...new Set(values)];
      if (!unique.length) continue;
      parts.push(`FROM users WHERE ${column} IN (${marks(unique.length)})`);
      params.push(...unique);
    }
    if (!parts.length) return [];
    const columns = this.selectableColumns()
      .map((c) => c.databaseName)
      .join(', ');
    if (parts.length === 1 || params.length <= FEW_KEYS) {
      return this.hydrate(await this.users.query(parts.map((p) => `SELECT ${columns} ${p}`).join(' UNION '), params));
    }
    const ids: { id: number | string }[] = await this.users.query(
      parts.map((p) => `SELECT id ${p}`).join(' UNION '),
      params,
    );
    if (!ids.length) return [];
    return this.hydrate(
      await this.users.query(
        `SELECT ${columns} FROM users WHERE id IN (${marks(ids.length)})`,
        ids.map((r) => r.id),
      ),
    );
  }

  private selectableColumns(): ColumnMetadata[] {
    return this.users.metadata.columns.filter((column) => column.isSelect);
  }

  /** Raw rows to entities, each value converted by the driver as the ORM would. */
  private hydrate(rows: Record<string, unknown>[]): UserEntity[] {
    const { driver } = this.users.manager.connection;
    const columns = this.selectableColumns();
    return rows.map((row) => {
      const user = this.users.create();
      for (const column of columns)
        (user as unknown as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(
          row[column.databaseName],
          column,
        );
      return user;
    });
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

  /** Disabling a user and ending their sessions is one step: nobody stays signed in. */
  async setStatus(id: number, status: UserEntity['status']): Promise<void> {
    await this.users.manager.transaction(async (manager) => {
      // An admin's decision: from now on an import neither re-enables nor owns it.
      await manager.update(UserEntity, { id }, { status, disabledBy: status === 'disabled' ? 'admin' : null });
      if (status === 'disabled') await manager.delete(SessionEntity, { userId: id });
    });
  }

  async recordLogin(id: number, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: at });
  }

  // Sessions live beside their users so that disabling a user ends them in one transaction.

  async createSession(session: SessionEntity): Promise<void> {
    await this.sessions.insert(session);
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

  // Directory import (src/sync): batched, compare-before-write.

  /**
   * One import batch in one transaction: multi-row INSERT of new users, UPDATE of changed ones
   * only; users the batch disables lose their sessions in the same transaction.
   */
  async applyDirectoryBatch(batch: DirectoryBatch): Promise<Map<string, number>> {
    if (!batch.creates.length && !batch.updates.length) return new Map();
    return this.users.manager.transaction(async (manager) => {
      const now = new Date();
      const rows = batch.creates.map((u) => ({
        ...u,
        email: u.email.trim().toLowerCase(),
        disabledBy: u.disabledBy ?? null,
        createdAt: now,
        updatedAt: now,
      }));
      if (rows.length) await manager.query(...this.insertStatement(rows));
      for (const { id, changes } of batch.updates) {
        if (Object.keys(changes).length) await manager.update(UserEntity, { id }, changes);
      }
      const disabled = batch.updates.filter((u) => u.changes.status === 'disabled').map((u) => u.id);
      if (disabled.length) await manager.delete(SessionEntity, { userId: In(disabled) });
      if (!rows.length) return new Map<string, number>();
      const created: { id: number | string; email: string }[] = await manager.query(
        `SELECT id, email FROM users WHERE email IN (${marks(rows.length)})`,
        rows.map((r) => r.email),
      );
      return new Map(created.map((u) => [u.email, Number(u.id)]));
    });
  }

  /**
   * A plain multi-row INSERT with positional parameters, values converted by the driver as the
   * ORM would: the query builder spends more time on 500 rows' named parameters than the
   * database spends on the insert.
   */
  private insertStatement(rows: (NewUser & Pick<UserEntity, 'createdAt' | 'updatedAt'>)[]): [string, unknown[]] {
    const { metadata, manager } = this.users;
    const columns = INSERTED.map((property) => metadata.findColumnWithPropertyName(property)!);
    const values = rows.flatMap((row) =>
      columns.map((column) =>
        manager.connection.driver.preparePersistentValue(row[column.propertyName as keyof typeof row], column),
      ),
    );
    const tuple = `(${marks(columns.length)})`;
    return [
      `INSERT INTO users (${columns.map((c) => c.databaseName).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
      values,
    ];
  }

  /** Disables users whose directory entry is gone, marks them as disabled by sync and ends their sessions, in one step. */
  async disableForSync(ids: number[]): Promise<void> {
    if (!ids.length) return;
    await this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id: In(ids), status: 'active' }, { status: 'disabled', disabledBy: 'sync' });
      await manager.delete(SessionEntity, { userId: In(ids) });
    });
  }

  /** Active directory users in id order, a page at a time (finding those a full pass did not see). */
  async activeLdapIdsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.users
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where("u.auth_source = 'ldap' AND u.status = 'active' AND u.id > :afterId", { afterId })
      .orderBy('u.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number }>();
    return rows.map((r) => Number(r.id));
  }

  countActiveLdap(): Promise<number> {
    return this.users.countBy({ authSource: 'ldap', status: 'active' });
  }

  /** Active directory users right now, and the highest user id (every user created later has a higher one). */
  async activeLdapSnapshot(): Promise<{ count: number; maxId: number }> {
    const [count, row] = await Promise.all([
      this.countActiveLdap(),
      this.users.createQueryBuilder('u').select('MAX(u.id)', 'maxId').getRawOne<{ maxId: number | string | null }>(),
    ]);
    return { count, maxId: Number(row?.maxId ?? 0) };
  }

  /** Id, email and DN only, for log lines and confirmation lists. */
  identities(ids: number[]): Promise<Pick<UserEntity, 'id' | 'email' | 'ldapDn'>[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.users.find({
      where: { id: In(ids) },
      select: { id: true, email: true, ldapDn: true },
      order: { id: 'ASC' },
    });
  }

  /** Users by directory DN, for mailbox filters (which return DNs). */
  async findByLdapDns(dns: string[]): Promise<Pick<UserEntity, 'id' | 'email' | 'ldapDn'>[]> {
    if (!dns.length) return [];
    const rows: { id: number | string; email: string; ldapDn: string | null }[] = await this.users.query(
      `SELECT id, email, ldap_dn AS ldapDn FROM users WHERE ldap_dn IN (${marks(dns.length)})`,
      dns,
    );
    return rows.map((r) => ({ id: Number(r.id), email: r.email, ldapDn: r.ldapDn }));
  }
}
