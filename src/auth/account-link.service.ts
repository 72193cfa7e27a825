import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';

import { DirectoryService } from '../ldap/directory/directory.service.js';
import { EntryReader } from '../ldap/directory/entry-reader.js';
import { isValidDn } from '../ldap/syntax/dn.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { DirectoryUsersService } from '../users/directory-users.service.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';

/**
 * An admin links an existing account to a directory entry: the explicit form of the email linking
 * that is refused for local accounts with role admin or a local password of their own.
 */
@Injectable()
export class AccountLinkService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly directoryUsers: DirectoryUsersService,
    private readonly logs: LdapLogService,
    private readonly settings: LdapSettingsService,
    private readonly users: UsersRepository,
  ) {}

  /** Links user `id` to the entry at `dn`, which must be a user by the scopes' filters. */
  async execute(id: number, dn: string, actor: string): Promise<UserEntity> {
    const user = await this.users.getById(id);
    if (!user) throw new NotFoundException(`user ${id} not found`);
    if (!isValidDn(dn)) throw new BadRequestException(`"${dn.slice(0, 100)}" is not a DN`);
    const settings = await this.settings.get();
    if (!settings.enabled) throw new BadRequestException('LDAP is not enabled');
    const found = await this.directory.findByDn(dn, settings);
    if (found.kind !== 'found') throw new NotFoundException(`${dn} is not a user in any search scope`);
    const mapped = EntryReader.for(settings).read(found.entry);
    if (mapped.kind === 'skip') throw new BadRequestException(`${mapped.reason}: ${mapped.detail}`);
    const linked = await this.directoryUsers.link(id, mapped.profile);
    if (linked.kind === 'refused') throw new ConflictException(linked.reason);
    await this.logs.write({
      level: 'info',
      event: 'user.linked',
      actor,
      message: `${user.email} linked to ${found.entry.dn} by ${actor}`,
      details: { userId: id, dn: found.entry.dn },
    });
    return linked.user;
  }
}
