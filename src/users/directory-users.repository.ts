import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

import { dialectOf } from '../database/dialect.js';
import { multiRowInserts, type SqlStatement } from '../database/multi-row-insert.js';
import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';
import type { NewUser } from './users.repository.js';

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

/** Up to this many candidate keys, one whole-row UNION; more, ids first (see findDirectoryCandidates). */
const FEW_KEYS = 12;

/**
 * A new user's row as the INSERT reads it, every field named in one order (one object shape).
 * Why not `{ ...user, email, … }`: V8 promoted those copies out of the young generation, and they
 * were most of what a full import left in the old generation (27 of 40 MB sampled at 30k users,
 * bench/sync), which is what made its peak RSS grow with the directory's size (issue 16).
 */
function newUserRow(u: NewUser, now: Date): NewUser & Pick<UserEntity, 'createdAt' | 'updatedAt'> {
  return {
    email: u.email.trim().toLowerCase(),
    firstName: u.firstName,
    lastName: u.lastName,
    jobTitle: u.jobTitle,
    phone: u.phone,
    role: u.role,
    status: u.status,
    disabledBy: u.disabledBy ?? null,
    authSource: u.authSource,
    passwordHash: u.passwordHash,
    ldapUid: u.ldapUid,
    ldapDn: u.ldapDn,
    lastLoginAt: u.lastLoginAt,
    syncedAt: u.syncedAt,
    createdAt: now,
    updatedAt: now,
  };
}

/** `?, ?, …`: positional placeholders, the same in mysql2 and better-sqlite3. */
function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/**
 * The users table as the directory sees it (src/sync imports, sign-in's just-in-time account):
 * candidate look-ups by stable id, DN or email, batched writes compared before, deprovisioning
 * scans, and the id/email/DN shapes for log lines and mailbox filters. Raw positional SQL where
 * the query builder costs more than the database (measured in bench/sync).
 */
@Injectable()
export class DirectoryUsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

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

  /**
   * One import batch in one transaction: multi-row INSERT of new users, UPDATE of changed ones
   * only; users the batch disables lose their sessions in the same transaction.
   */
  async applyDirectoryBatch(batch: DirectoryBatch): Promise<Map<string, number>> {
    if (!batch.creates.length && !batch.updates.length) return new Map();
    return this.users.manager.transaction(async (manager) => {
      const now = new Date();
      const rows = batch.creates.map((u) => newUserRow(u, now));
      for (const { sql, parameters } of this.insertStatements(rows)) await manager.query(sql, parameters);
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

  /** Multi-row INSERTs of new users (multiRowInserts), values converted by the driver as the ORM would. */
  private insertStatements(rows: (NewUser & Pick<UserEntity, 'createdAt' | 'updatedAt'>)[]): SqlStatement[] {
    const { metadata, manager } = this.users;
    const { driver, options } = manager.connection;
    const columns = INSERTED.map((property) => metadata.findColumnWithPropertyName(property)!);
    return multiRowInserts(
      dialectOf(options.type),
      metadata.tableName,
      columns.map((column) => column.databaseName),
      rows.map((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column))),
    );
  }

  /**
   * Disables those of these users still active and ends their sessions, in one step: by `sync`
   * when their directory entry is gone, by `directory` when the directory turned the account off.
   */
  async disableForSync(ids: number[], disabledBy: 'sync' | 'directory'): Promise<void> {
    if (!ids.length) return;
    await this.users.manager.transaction(async (manager) => {
      await manager.update(UserEntity, { id: In(ids), status: 'active' }, { status: 'disabled', disabledBy });
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

  /**
   * The deprovision brake's bases, counted now: `count`, the active LDAP users (those a run may
   * find gone); `linked`, those and the active SSO users created from an entry (whose account state
   * a run mirrors too); `maxId`, the highest user id (every user created later has a higher one).
   */
  async activeLdapSnapshot(): Promise<{ count: number; linked: number; maxId: number }> {
    const [count, ssoLinked, row] = await Promise.all([
      this.users.countBy({ authSource: 'ldap', status: 'active' }),
      this.users.countBy({ authSource: 'sso', status: 'active', ldapDn: Not(IsNull()) }),
      this.users.createQueryBuilder('u').select('MAX(u.id)', 'maxId').getRawOne<{ maxId: number | string | null }>(),
    ]);
    return { count, linked: count + ssoLinked, maxId: Number(row?.maxId ?? 0) };
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
