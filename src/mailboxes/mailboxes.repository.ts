import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';

import { MailboxUserEntity, MembershipSource } from './entities/mailbox-user.entity.js';
import type { AuthSource, UserStatus } from '../users/entities/user.entity.js';
import { MailboxEntity } from './entities/mailbox.entity.js';
import { mailboxNameKey } from './mailbox-name-key.js';
import { isUniqueViolation } from '../database/unique-violation.js';

/** A member as a directory import names it. */
export interface MemberIdentity {
  id: number;
  email: string;
  ldapDn: string | null;
}

/** A membership with the user's fields. */
export interface MemberRow {
  userId: number;
  source: MembershipSource;
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: UserStatus;
  authSource: AuthSource;
}

@Injectable()
export class MailboxesRepository {
  constructor(
    @InjectRepository(MailboxEntity) private readonly mailboxes: Repository<MailboxEntity>,
    @InjectRepository(MailboxUserEntity) private readonly members: Repository<MailboxUserEntity>,
  ) {}

  listAll(): Promise<MailboxEntity[]> {
    return this.mailboxes.find({ order: { name: 'ASC' } });
  }

  listWithFilter(): Promise<MailboxEntity[]> {
    return this.mailboxes.createQueryBuilder('m').where('m.ldap_filter IS NOT NULL').orderBy('m.id', 'ASC').getMany();
  }

  async listForUser(userId: number): Promise<MailboxEntity[]> {
    const rows = await this.members.find({ where: { userId }, select: { mailboxId: true } });
    if (rows.length === 0) return [];
    return this.mailboxes.find({
      where: { id: In([...new Set(rows.map((r) => r.mailboxId))]) },
      order: { name: 'ASC' },
    });
  }

  getById(id: number): Promise<MailboxEntity | null> {
    return this.mailboxes.findOneBy({ id });
  }

  /** The mailbox whose name is this one regardless of case (see mailboxNameKey). */
  getByName(name: string): Promise<MailboxEntity | null> {
    return this.mailboxes.findOneBy({ nameKey: mailboxNameKey(name) });
  }

  /** Throws MailboxNameTaken when another mailbox has the name regardless of case (a concurrent create). */
  async create(mailbox: Pick<MailboxEntity, 'name' | 'email' | 'ldapFilter'>): Promise<MailboxEntity> {
    const saved = await nameTaken(() =>
      this.mailboxes.save(this.mailboxes.create({ ...mailbox, nameKey: mailboxNameKey(mailbox.name) })),
    );
    delete saved.nameKey;
    return saved;
  }

  /** Throws MailboxNameTaken as create() does. */
  async update(
    id: number,
    changes: Partial<Pick<MailboxEntity, 'name' | 'email' | 'ldapFilter'>>,
  ): Promise<MailboxEntity> {
    const nameKey = changes.name === undefined ? {} : { nameKey: mailboxNameKey(changes.name) };
    await nameTaken(() => this.mailboxes.update({ id }, { ...changes, ...nameKey }));
    return this.mailboxes.findOneByOrFail({ id });
  }

  async delete(id: number): Promise<void> {
    await this.mailboxes.delete({ id });
  }

  /** Members with the user fields an admin sees, by email: one join. */
  async listMembers(mailboxId: number): Promise<MemberRow[]> {
    const rows: (Omit<MemberRow, 'userId'> & { userId: number | string })[] = await this.members.query(
      'SELECT m.user_id AS userId, m.source AS source, u.email AS email, u.first_name AS firstName, u.last_name AS lastName, u.status AS status, u.auth_source AS authSource ' +
        'FROM mailbox_users m JOIN users u ON u.id = m.user_id WHERE m.mailbox_id = ? ORDER BY u.email, m.user_id',
      [mailboxId],
    );
    return rows.map((r) => ({ ...r, userId: Number(r.userId) }));
  }

  async addMember(mailboxId: number, userId: number, source: MembershipSource): Promise<void> {
    await this.members.createQueryBuilder().insert().values({ mailboxId, userId, source }).orIgnore().execute();
  }

  async removeMember(mailboxId: number, userId: number, source: MembershipSource): Promise<boolean> {
    const result = await this.members.delete({ mailboxId, userId, source });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets one user's directory-driven memberships among the mailboxes that have a filter:
   * added where the filter matches, removed where it no longer does; manual ones untouched.
   */
  async reconcileUserLdapMemberships(
    userId: number,
    filtered: number[],
    matching: number[],
  ): Promise<{ added: number[]; removed: number[] }> {
    const current = new Set((await this.members.find({ where: { userId, source: 'ldap' } })).map((m) => m.mailboxId));
    const added = matching.filter((id) => !current.has(id));
    const removed = filtered.filter((id) => current.has(id) && !matching.includes(id));
    for (const mailboxId of added) await this.addMember(mailboxId, userId, 'ldap');
    if (removed.length) await this.members.delete({ userId, source: 'ldap', mailboxId: In(removed) });
    return { added, removed };
  }

  /**
   * The users holding a membership of this source, with the DN and email a directory import
   * matches and logs them by: one query, so an unchanged mailbox costs no per-member lookups.
   */
  async membersWithIdentity(mailboxId: number, source: MembershipSource): Promise<MemberIdentity[]> {
    const rows: { userId: number | string; email: string; ldapDn: string | null }[] = await this.members.query(
      'SELECT m.user_id AS userId, u.email AS email, u.ldap_dn AS ldapDn FROM mailbox_users m JOIN users u ON u.id = m.user_id WHERE m.mailbox_id = ? AND m.source = ? ORDER BY m.user_id',
      [mailboxId, source],
    );
    return rows.map((r) => ({ id: Number(r.userId), email: r.email, ldapDn: r.ldapDn }));
  }

  /**
   * Memberships of this source held by the users at these DNs (compared as stored), with the
   * members' identity: what a delta needs of every mailbox at once, one query however large
   * the mailboxes are.
   */
  async membershipsAtDns(
    dns: readonly string[],
    source: MembershipSource,
  ): Promise<{ mailboxId: number; member: MemberIdentity }[]> {
    if (!dns.length) return [];
    const rows: { mailboxId: number | string; userId: number | string; email: string; ldapDn: string | null }[] =
      await this.members.query(
        `SELECT m.mailbox_id AS mailboxId, u.id AS userId, u.email AS email, u.ldap_dn AS ldapDn FROM users u JOIN mailbox_users m ON m.user_id = u.id WHERE u.ldap_dn IN (${dns.map(() => '?').join(', ')}) AND m.source = ? ORDER BY u.id`,
        [...dns, source],
      );
    return rows.map((r) => ({
      mailboxId: Number(r.mailboxId),
      member: { id: Number(r.userId), email: r.email, ldapDn: r.ldapDn },
    }));
  }

  /** Adds many users at once (directory import); a membership already there is left as it is. */
  async addMembers(mailboxId: number, userIds: number[], source: MembershipSource): Promise<void> {
    if (!userIds.length) return;
    // plain positional SQL: the query builder's named parameters cost more than the insert (500 rows a call)
    const { connection } = this.members.manager;
    const createdAt = connection.driver.preparePersistentValue(
      new Date(),
      this.members.metadata.findColumnWithPropertyName('createdAt')!,
    );
    const insert = connection.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const rows = userIds.map(() => '(?, ?, ?, ?)').join(', ');
    await this.members.query(
      `${insert} INTO mailbox_users (mailbox_id, user_id, source, created_at) VALUES ${rows}`,
      userIds.flatMap((userId) => [mailboxId, userId, source, createdAt]),
    );
  }

  async removeMembers(mailboxId: number, userIds: number[], source: MembershipSource): Promise<void> {
    if (!userIds.length) return;
    await this.members.delete({ mailboxId, userId: In(userIds), source });
  }
}

/** Another mailbox took the name (regardless of case) between the check and the write. */
export class MailboxNameTaken extends Error {}

async function nameTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new MailboxNameTaken();
    throw error;
  }
}
