import { Injectable } from '@nestjs/common';

import { type DirectoryProfileInput, indexUsers, matchUser, profileChanges } from './directory-users.js';
import type { UserEntity } from './entities/user.entity.js';
import { UsersRepository } from './users.repository.js';

export type UpsertAction = 'created' | 'updated' | 'unchanged';

/** Creates or updates the local user for a directory entry (just in time, at sign-in or SSO). */
@Injectable()
export class DirectoryUsersService {
  constructor(private readonly users: UsersRepository) {}

  /** The local user this directory entry is, if any (stable id, then DN, then email). */
  async find(profile: DirectoryProfileInput): Promise<UserEntity | undefined> {
    const candidates = await this.users.findDirectoryCandidates({ uids: profile.ldapUid ? [profile.ldapUid] : [], dns: [profile.ldapDn], emails: profile.emails });
    return matchUser(profile, indexUsers(candidates));
  }

  /** Creates or updates the user; `fields` names what was written (every field for a new user). */
  async upsert(profile: DirectoryProfileInput, authSource: 'ldap' | 'sso' = 'ldap'): Promise<{ user: UserEntity; action: UpsertAction; fields: string[] }> {
    const existing = await this.find(profile);
    if (!existing) {
      const { emails: _all, ...fields } = profile;
      const user = await this.users.create({
        ...fields,
        role: 'agent',
        status: 'active',
        authSource,
        // No local password: the account signs in through the directory or SSO (a null hash never verifies).
        passwordHash: null,
        lastLoginAt: null,
        syncedAt: null,
      });
      return { user, action: 'created', fields: Object.keys(fields) };
    }
    const changes = profileChanges(existing, profile);
    if (Object.keys(changes).length === 0) return { user: existing, action: 'unchanged', fields: [] };
    return { user: await this.users.update(existing.id, changes), action: 'updated', fields: Object.keys(changes) };
  }
}
