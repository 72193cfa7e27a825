import { Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError } from '../common/domain-error.js';

import { storedFilter } from '../common/validators.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { CreateMailboxDto, MailboxMembersView, MemberView, UpdateMailboxDto } from './dto/mailbox.dto.js';
import { MailboxEntity } from './entities/mailbox.entity.js';
import { MailboxFilterCache } from './mailbox-filter-cache.js';
import { mailboxNameKey } from './mailbox-name-key.js';
import { MailboxesRepository, MailboxNameTaken, type MemberRow } from './mailboxes.repository.js';

function mailboxFilter(filter: string | null | undefined): { filter: string | null; notes: string[] } {
  if (!filter?.trim()) return { filter: null, notes: [] };
  return storedFilter('ldapFilter', filter);
}

@Injectable()
export class MailboxesService {
  constructor(
    private readonly filters: MailboxFilterCache,
    private readonly mailboxes: MailboxesRepository,
    private readonly users: UsersRepository,
  ) {}

  /** An agent sees the mailboxes they belong to; an admin sees all. */
  visibleTo(user: UserEntity): Promise<MailboxEntity[]> {
    return user.role === 'admin' ? this.mailboxes.listAll() : this.mailboxes.listForUser(user.id);
  }

  list(): Promise<MailboxEntity[]> {
    return this.mailboxes.listAll();
  }

  async get(id: number): Promise<MailboxEntity> {
    const mailbox = await this.mailboxes.getById(id);
    if (!mailbox) throw new NotFoundError('MAILBOX_NOT_FOUND', `mailbox ${id} not found`);
    return mailbox;
  }

  /** Creates a mailbox; the notes say what was changed in the input (a filter's DN escapes). */
  async create(dto: CreateMailboxDto): Promise<{ mailbox: MailboxEntity; notes: string[] }> {
    await this.assertNameFree(dto.name);
    const filter = mailboxFilter(dto.ldapFilter);
    const mailbox = await nameFree(dto.name, () =>
      this.mailboxes.create({
        name: dto.name.trim(),
        email: dto.email?.toLowerCase() ?? null,
        ldapFilter: filter.filter,
      }),
    );
    this.filters.invalidate();
    return { mailbox, notes: filter.notes };
  }

  /** Changes the fields the request states; the notes say what was changed in the input. */
  async update(id: number, dto: UpdateMailboxDto): Promise<{ mailbox: MailboxEntity; notes: string[] }> {
    const mailbox = await this.get(id);
    if (dto.name !== undefined && mailboxNameKey(dto.name) !== mailboxNameKey(mailbox.name))
      await this.assertNameFree(dto.name);
    const changes: Partial<MailboxEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.email !== undefined) changes.email = dto.email?.toLowerCase() ?? null;
    const filter = mailboxFilter(dto.ldapFilter);
    if (dto.ldapFilter !== undefined) changes.ldapFilter = filter.filter;
    const updated = await nameFree(dto.name ?? '', () => this.mailboxes.update(id, changes));
    this.filters.invalidate();
    return { mailbox: updated, notes: filter.notes };
  }

  async delete(id: number): Promise<void> {
    await this.get(id);
    await this.mailboxes.delete(id);
    this.filters.invalidate();
  }

  /** Members in two groups: those the directory filter assigned and those an admin added. */
  async members(id: number): Promise<MailboxMembersView> {
    await this.get(id);
    const rows = await this.mailboxes.listMembers(id);
    const view = ({ source: _source, ...member }: MemberRow): MemberView => member;
    return {
      directory: rows.filter((r) => r.source === 'ldap').map(view),
      manual: rows.filter((r) => r.source === 'manual').map(view),
    };
  }

  async addManualMember(id: number, userId: number): Promise<void> {
    await this.get(id);
    if (!(await this.users.getById(userId))) throw new NotFoundError('USER_NOT_FOUND', `user ${userId} not found`);
    await this.mailboxes.addMember(id, userId, 'manual');
  }

  async removeManualMember(id: number, userId: number): Promise<void> {
    if (!(await this.mailboxes.removeMember(id, userId, 'manual'))) {
      throw new NotFoundError('MEMBER_NOT_FOUND', `user ${userId} is not a manual member of mailbox ${id}`);
    }
  }

  private async assertNameFree(name: string): Promise<void> {
    const holder = await this.mailboxes.getByName(name);
    if (holder) throw nameTakenError(name, holder.name);
  }
}

function nameTakenError(name: string, holder?: string): ConflictError {
  const same = holder && holder !== name.trim() ? ` ("${holder}": names differing only in case are the same)` : '';
  return new ConflictError('MAILBOX_NAME_TAKEN', `a mailbox named "${name.trim()}" already exists${same}`);
}

/** The write, with a name taken meanwhile (the unique index) answered as the check would. */
async function nameFree<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof MailboxNameTaken) throw nameTakenError(name);
    throw error;
  }
}
