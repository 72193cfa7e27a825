import { Injectable } from '@nestjs/common';

import type { DirectoryEntry } from '../../ldap/client/directory-entry.js';
import { EntryReader } from '../../ldap/directory/entry-reader.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';
import { DirectoryUsersService } from '../../users/directory-users.service.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { UsersRepository } from '../../users/users.repository.js';
import type { SsoIdentity } from './header-value.js';

export type LocalAccount = { kind: 'found'; user: UserEntity } | { kind: 'missing' };

/** Our own users, for a header the directory does not answer (or LDAP off). */
@Injectable()
export class SsoAccounts {
  constructor(
    private readonly directoryUsers: DirectoryUsersService,
    private readonly users: UsersRepository,
  ) {}

  /**
   * The user whose email the header holds. With `create` (autoCreate with LDAP off) an email
   * that is nobody's yet becomes a local-only user with no local password (it signs in only through the proxy).
   */
  async local(identity: SsoIdentity, options: { create: boolean }): Promise<LocalAccount> {
    const existing = await this.users.getByEmail(identity.email ?? identity.login);
    if (existing) return { kind: 'found', user: existing };
    if (!options.create || !identity.email) return { kind: 'missing' };
    const user = await this.users.create({
      email: identity.email,
      firstName: null,
      lastName: null,
      jobTitle: null,
      phone: null,
      role: 'agent',
      status: 'active',
      authSource: 'sso',
      passwordHash: null,
      ldapUid: null,
      ldapDn: null,
      lastLoginAt: null,
      syncedAt: null,
    });
    return { kind: 'found', user };
  }

  /** Whether a user already stands for this entry, by the same matching as the just-in-time upsert. */
  async knows(entry: DirectoryEntry, settings: LdapSettings): Promise<boolean> {
    const mapped = EntryReader.for(settings).read(entry);
    if (mapped.kind === 'skip') return false;
    return (await this.directoryUsers.find(mapped.profile)) !== undefined;
  }
}
