import { Injectable } from '@nestjs/common';

import type { DirectoryEntry } from '../ldap/client/directory-entry.js';
import { stableIdIsAUser } from '../ldap/directory/directory.service.js';
import { type Candidate, describeCut, EntryReader } from '../ldap/directory/entry-reader.js';
import { LdapClientService } from '../ldap/directory/ldap-client.service.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { MailboxFilterCache } from '../mailboxes/mailbox-filter-cache.js';
import { decideForEntry } from '../mailboxes/mailbox-membership.js';
import { MailboxesRepository } from '../mailboxes/mailboxes.repository.js';
import { describeStableIdChange, type StableIdProbe } from '../users/account-writer.js';
import { DirectoryUsersService } from '../users/directory-users.service.js';
import type { UserLookup } from '../users/directory-users.js';
import type { UserEntity } from '../users/entities/user.entity.js';

/**
 * What admit() made of an entry the directory vouched for (SignInService and SSO read it):
 * - success: the user is ours and active;
 * - rejected: the entry cannot be a user (no email, invalid values);
 * - blocked: the directory (or our database) says this account may not sign in: final;
 * - off: LDAP sign-in is not enabled.
 */
export type LdapOutcome =
  | { kind: 'success'; user: UserEntity }
  | { kind: 'rejected'; reason: string; unreachable: boolean }
  | { kind: 'blocked'; reason: string }
  | { kind: 'off' };

/** An entry read before its bind, and the users it could be on their way (see LdapAuthService.readAhead). */
export interface AdmitReadAhead {
  entry: DirectoryEntry;
  mapped: Candidate;
  rows: Promise<UserLookup | undefined>;
}

@Injectable()
export class LdapAuthService {
  constructor(
    private readonly client: LdapClientService,
    private readonly directoryUsers: DirectoryUsersService,
    private readonly logs: LdapLogService,
    private readonly mailboxFilters: MailboxFilterCache,
    private readonly mailboxes: MailboxesRepository,
  ) {}

  /**
   * The directory vouched for this entry (a password bind, or the SSO proxy's word): read it,
   * create or update the user just in time by the account writer's rules (an entry deleted and
   * created again keeps its user once the directory confirms the old stable id is gone), assign mailboxes by filter (over every lookup scope,
   * as the sync does, not only the scope it was found in).
   */
  async admit(
    entry: DirectoryEntry,
    settings: LdapSettings,
    authSource: 'ldap' | 'sso' = 'ldap',
    ahead?: AdmitReadAhead,
  ): Promise<LdapOutcome> {
    const early = ahead?.entry === entry ? ahead : undefined;
    const mapped = early?.mapped ?? EntryReader.for(settings).read(entry);
    if (mapped.kind === 'skip')
      return { kind: 'rejected', reason: `${mapped.reason}: ${mapped.detail}`, unreachable: false };
    const probe = this.stableIdProbe(settings);
    const written = await this.directoryUsers
      .upsert(mapped.profile, authSource, probe.ask, early?.rows)
      .catch((error: unknown) => {
        // our database, not the directory: never "the directory said no", never the local fallback
        throw new AccountWriteError(entry.dn, error);
      });
    if (written.kind === 'refused') return { kind: 'blocked', reason: `${written.reason}${probe.failure()}` };
    const { user, fields } = written;
    if (written.previousStableId)
      await this.logs.append({
        level: 'info',
        event: 'user.recreated',
        actor: user.email,
        message: `${describeStableIdChange(entry.dn, written.previousStableId, user.ldapUid!)}: ${user.email} keeps its account`,
        details: { dn: entry.dn, userId: user.id, previousStableId: written.previousStableId },
      });
    for (const cut of mapped.cuts.filter((c) => fields.includes(c.field))) {
      await this.logs.append({
        level: 'warn',
        event: 'user.truncated',
        actor: user.email,
        message: describeCut(entry.dn, cut),
        details: { dn: entry.dn, attribute: cut.attribute, length: cut.length, max: cut.max },
      });
    }
    if (user.status !== 'active') return { kind: 'blocked', reason: `${user.email} is disabled in the help desk` };
    await this.assignMailboxes(user, entry.dn, settings);
    return { kind: 'success', user };
  }

  /**
   * Reads the entry and starts reading the users it could be, before the bind, so admit() can
   * decide on them when the bind has succeeded (a returning user whose entry did not change then
   * costs no further round trip). The rows may be a bind's time old: admit() uses them only where
   * nothing is written; a user disabled meanwhile may get a session then, which every request
   * refuses (SessionService.resolve reads the user), as with a disable just after a sign-in.
   */
  readAhead(entry: DirectoryEntry, settings: LdapSettings): AdmitReadAhead {
    const mapped = EntryReader.for(settings).read(entry);
    const rows =
      mapped.kind === 'skip' ? Promise.resolve(undefined) : this.directoryUsers.readCandidates(mapped.profile);
    return { entry, mapped, rows };
  }

  /** The read readAhead() makes, for a login no entry has (the not-found path pays it too: timing tells nothing). */
  readAheadUnknown(login: string): Promise<void> {
    return this.directoryUsers.readCandidatesByLogin(login);
  }

  /**
   * Asks the directory, as the service account, whether a user's old stable id is still a user
   * (one search in the lookup scopes, as the import does) for an entry that looks re-created. A
   * directory that cannot answer counts as "still there": nobody is taken for a re-created entry
   * on a guess, and the refusal says why.
   */
  private stableIdProbe(settings: LdapSettings): { ask: StableIdProbe; failure: () => string } {
    let failed: string | undefined;
    return {
      ask: async (stableId) => {
        try {
          return await this.client.withService((conn) => stableIdIsAUser(conn, settings, stableId));
        } catch (error) {
          failed = `could not ask the directory whether ${stableId} is gone: ${error instanceof Error ? error.message : String(error)}`;
          return true;
        }
      },
      failure: () => (failed ? ` (${failed})` : ''),
    };
  }

  /**
   * The shared membership rule, mailbox by mailbox, each filter on a healthy connection: a mailbox
   * whose filter failed keeps this user's memberships as they were and is logged with the reason.
   */
  private async assignMailboxes(user: UserEntity, dn: string, settings: LdapSettings): Promise<void> {
    const filtered = (await this.mailboxFilters.listWithFilter()).map((m) => ({
      id: m.id,
      name: m.name,
      ldapFilter: m.ldapFilter!,
    }));
    // No mailbox is driven by the directory: nothing to add, nothing to take away.
    if (filtered.length === 0) return;
    const decisions = await decideForEntry((fn) => this.client.withService(fn), settings, dn, filtered);
    const decided = decisions.filter((d) => d.ok);
    const matching = decided.filter((d) => d.member).map((d) => d.mailbox.id);
    await this.mailboxes.reconcileUserLdapMemberships(
      user.id,
      decided.map((d) => d.mailbox.id),
      matching,
    );
    for (const failed of decisions) {
      if (failed.ok) continue;
      const message = `mailbox ${failed.mailbox.name}: filter ${failed.mailbox.ldapFilter} failed for ${dn}, memberships left as they were: ${failed.reason}`;
      await this.logs.append({
        level: 'warn',
        event: 'login.mailbox.failed',
        actor: user.email,
        message,
        details: { mailboxId: failed.mailbox.id, cause: failed.cause },
      });
    }
  }
}

/** Creating or updating the help desk user failed: a database problem, not a directory answer. */
export class AccountWriteError extends Error {
  constructor(dn: string, cause: unknown) {
    super(`could not save the help desk user for ${dn}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'AccountWriteError';
  }
}
