import { Injectable, Logger } from '@nestjs/common';

import { normalizeLogin } from '../common/login.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { decideAccount, newClaims, recreatedUsers, type StableIdProbe } from './account-writer.js';
import {
  type DirectoryProfileInput,
  indexUsers,
  initialStatus,
  matchUser,
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
  | {
      kind: 'written';
      user: UserEntity;
      action: UpsertAction;
      fields: string[];
      /** The stable id the user had before: its entry was deleted and created again (issue 12, fault 8). */
      previousStableId?: string;
    }
  | { kind: 'refused'; reason: string };

/** No directory to ask: every stable id counts as still present, so nobody is taken for a re-created entry. */
const ASSUME_PRESENT: StableIdProbe = async () => true;

/**
 * Creates or updates the local user for one directory candidate (just in time, at sign-in or SSO)
 * by the account writer's decision (account-writer.ts), the one the import takes per batch.
 */
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
   * A write that loses a race for a unique key (email, stable id, DN: another sign-in just took it)
   * is decided once more on what the database now holds, so the answer is the rule's, never a
   * constraint error. Any other error is thrown at once, not retried.
   * @param stillAUser asks the directory whether a user's old stable id is still a user there, for
   * an entry that looks re-created (same DN and email, new stable id); without it, none is.
   * @param readAhead the candidate rows, read earlier by readCandidates() (sign-in reads them while
   * it binds): when they say nothing is to be written, that is the answer, with no further round
   * trip; anything else (a write, a refusal) is decided on rows read now, as without them.
   */
  async upsert(
    profile: DirectoryProfileInput,
    authSource: 'ldap' | 'sso' = 'ldap',
    stillAUser: StableIdProbe = ASSUME_PRESENT,
    readAhead?: Promise<UserLookup | undefined>,
  ): Promise<UpsertOutcome> {
    const early = await readAhead;
    if (early) {
      const candidate = { dn: profile.ldapDn, profile };
      // no re-created user decides "unchanged": that needs the user's own stable id (account-writer.ts)
      const decision = decideAccount(candidate, {
        lookup: early,
        recreated: new Set(),
        alreadySeen: () => false,
        claims: newClaims(),
      });
      if (decision.kind === 'unchanged')
        return { kind: 'written', user: decision.user, action: 'unchanged', fields: [] };
    }
    try {
      return await this.decideAndWrite(profile, authSource, stillAUser);
    } catch (error) {
      // Only a lost race is decided again; any other failure (connection, SQL, a bug) is the caller's.
      if (!isUniqueViolation(error)) throw error;
      this.logger.warn(
        `writing the user for ${profile.ldapDn} lost a race (${error instanceof Error ? error.message : String(error)}); deciding again`,
      );
      return this.decideAndWrite(profile, authSource, stillAUser);
    }
  }

  private async decideAndWrite(
    profile: DirectoryProfileInput,
    authSource: 'ldap' | 'sso',
    stillAUser: StableIdProbe,
  ): Promise<UpsertOutcome> {
    const lookup = await this.lookup(profile);
    const candidate = { dn: profile.ldapDn, profile };
    const recreated = await recreatedUsers([candidate], lookup, stillAUser);
    const decision = decideAccount(candidate, { lookup, recreated, alreadySeen: () => false, claims: newClaims() });
    switch (decision.kind) {
      case 'refuse':
        return { kind: 'refused', reason: decision.detail };
      case 'repeat':
        // a single candidate has nothing earlier to repeat
        throw new Error(`unexpected repeat for ${profile.ldapDn}`);
      case 'unchanged':
        return { kind: 'written', user: decision.user, action: 'unchanged', fields: [] };
      case 'update': {
        const { user: before, changes } = decision;
        const user = await this.users.update(before.id, changes);
        const previousStableId = changes.ldapUid !== undefined && before.ldapUid ? before.ldapUid : undefined;
        return { kind: 'written', user, action: 'updated', fields: Object.keys(changes), previousStableId };
      }
      case 'create': {
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
    }
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

  /** The same read as readCandidates, for a login no entry has: sign-in pays it on both paths, so timing does not tell which logins exist. */
  readCandidatesByLogin(login: string): Promise<void> {
    const email = normalizeLogin(login);
    return this.directoryUsers.findDirectoryCandidates({ uids: [], dns: [email], emails: [email] }).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * The users this entry could be (stable id, DN, any email), for upsert()'s readAhead; undefined
   * when they could not be read (upsert then reads them itself, and reports the error if it has one).
   */
  readCandidates(profile: DirectoryProfileInput): Promise<UserLookup | undefined> {
    return this.lookup(profile).catch(() => undefined);
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
