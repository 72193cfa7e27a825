import { Injectable, Logger } from '@nestjs/common';

import {
  type DirectoryProfileInput,
  duplicateEmail,
  emailFor,
  indexUsers,
  initialStatus,
  matchUser,
  profileChanges,
  type UserLookup,
} from './directory-users.js';
import { DirectoryUsersRepository } from './directory-users.repository.js';
import type { UserEntity } from './entities/user.entity.js';
import { UsersRepository } from './users.repository.js';

export type UpsertAction = 'created' | 'updated' | 'unchanged';

/**
 * What the account writer did: the user and the fields written (every field for a new user), or
 * why the entry was refused (the same rule as the import's: the account holding an email keeps it).
 */
export type UpsertOutcome =
  { kind: 'written'; user: UserEntity; action: UpsertAction; fields: string[] } | { kind: 'refused'; reason: string };

/** Creates or updates the local user for a directory entry (just in time, at sign-in or SSO). */
@Injectable()
export class DirectoryUsersService {
  private readonly logger = new Logger(DirectoryUsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly directoryUsers: DirectoryUsersRepository,
  ) {}

  /** The local user this directory entry is, if any (stable id, then DN, then any email value). */
  async find(profile: DirectoryProfileInput): Promise<UserEntity | undefined> {
    return matchUser(profile, await this.lookup(profile));
  }

  /**
   * Creates or updates the user, or refuses the entry when its email belongs to another account.
   * A write that loses a race for the email (another sign-in just took it) is decided once more
   * on what the database now holds, so the answer is the rule's, never a constraint error.
   */
  async upsert(profile: DirectoryProfileInput, authSource: 'ldap' | 'sso' = 'ldap'): Promise<UpsertOutcome> {
    try {
      return await this.decideAndWrite(profile, authSource);
    } catch (error) {
      this.logger.warn(
        `writing the user for ${profile.ldapDn} failed (${error instanceof Error ? error.message : String(error)}); deciding again`,
      );
      return this.decideAndWrite(profile, authSource);
    }
  }

  private async decideAndWrite(profile: DirectoryProfileInput, authSource: 'ldap' | 'sso'): Promise<UpsertOutcome> {
    const lookup = await this.lookup(profile);
    const existing = matchUser(profile, lookup);
    const email = emailFor(existing, profile);
    const holder = lookup.byEmail(email);
    if (holder && holder.id !== existing?.id)
      return { kind: 'refused', reason: duplicateEmail(profile.ldapDn, email, holder) };
    if (!existing) {
      const { emails: _all, directoryState, ...fields } = profile;
      const user = await this.users.create({
        ...fields,
        role: 'agent',
        ...initialStatus(directoryState),
        authSource,
        // No local password: the account signs in through the directory or SSO (a null hash never verifies).
        passwordHash: null,
        lastLoginAt: null,
        syncedAt: null,
      });
      return { kind: 'written', user, action: 'created', fields: Object.keys(fields) };
    }
    const changes = profileChanges(existing, profile);
    if (Object.keys(changes).length === 0) return { kind: 'written', user: existing, action: 'unchanged', fields: [] };
    return {
      kind: 'written',
      user: await this.users.update(existing.id, changes),
      action: 'updated',
      fields: Object.keys(changes),
    };
  }

  /**
   * An admin's explicit link of an existing account to a directory entry: the account gets the
   * entry's DN and stable id, so sign-in and import match it from then on. Refused when another
   * user already stands for that entry.
   */
  async link(
    userId: number,
    profile: DirectoryProfileInput,
  ): Promise<{ kind: 'linked'; user: UserEntity } | { kind: 'refused'; reason: string }> {
    const lookup = await this.lookup(profile);
    const other = (profile.ldapUid ? lookup.byUid(profile.ldapUid) : undefined) ?? lookup.byDn(profile.ldapDn);
    if (other && other.id !== userId)
      return { kind: 'refused', reason: `${profile.ldapDn} already belongs to ${other.email}` };
    return {
      kind: 'linked',
      user: await this.users.update(userId, {
        ldapDn: profile.ldapDn,
        ...(profile.ldapUid ? { ldapUid: profile.ldapUid } : {}),
      }),
    };
  }

  private async lookup(profile: DirectoryProfileInput): Promise<UserLookup> {
    const candidates = await this.directoryUsers.findDirectoryCandidates({
      uids: profile.ldapUid ? [profile.ldapUid] : [],
      dns: [profile.ldapDn],
      emails: profile.emails,
    });
    return indexUsers(candidates);
  }
}
