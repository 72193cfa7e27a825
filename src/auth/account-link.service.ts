import { Injectable } from '@nestjs/common';

import { BadRequestError, ConflictError, NotFoundError } from '../common/domain-error.js';
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

  /**
   * Links user `id` to the entry at `dn`, which must be a user by the scopes' filters.
   * @throws NotFoundError USER_NOT_FOUND (no user `id`), ENTRY_NOT_IN_SCOPE (`dn` is no user in any search scope)
   * @throws BadRequestError DN_SYNTAX (`dn` is not an RFC 4514 DN), LDAP_NOT_ENABLED, ENTRY_UNREADABLE (the entry
   *   maps to no profile, as an import would skip it)
   * @throws ConflictError ENTRY_ALREADY_LINKED (another user stands for the entry)
   */
  async execute(id: number, dn: string, actor: string): Promise<UserEntity> {
    const user = await this.users.getById(id);
    if (!user) throw new NotFoundError('USER_NOT_FOUND', `user ${id} not found`);
    // the DTO checks the DN over HTTP; this keeps the rule for any other caller
    if (!isValidDn(dn)) throw new BadRequestError('DN_SYNTAX', `"${dn.slice(0, 100)}" is not a DN`);
    const settings = await this.settings.get();
    if (!settings.enabled) throw new BadRequestError('LDAP_NOT_ENABLED', 'LDAP is not enabled');
    const found = await this.directory.findByDn(dn, settings);
    if (found.kind !== 'found')
      throw new NotFoundError('ENTRY_NOT_IN_SCOPE', `${dn} is not a user in any search scope`);
    const mapped = EntryReader.for(settings).read(found.entry);
    if (mapped.kind === 'skip') throw new BadRequestError('ENTRY_UNREADABLE', `${mapped.reason}: ${mapped.detail}`);
    const linked = await this.directoryUsers.link(id, mapped.profile);
    if (linked.kind === 'refused') throw new ConflictError('ENTRY_ALREADY_LINKED', linked.reason);
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
