import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import type { DirectoryEntry } from '../ldap/client/directory-entry.js';
import { accountBlock } from '../ldap/directory/account-state.js';
import { DirectoryService } from '../ldap/directory/directory.service.js';
import { describeCut, mapEntry } from '../ldap/directory/entry-mapping.js';
import { LdapClientService } from '../ldap/directory/ldap-client.service.js';
import { escapeDnValue } from '../ldap/syntax/escape.js';
import { AD_SUB_CODES, LdapError, toLdapError } from '../ldap/ldap.error.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { decideForEntry } from '../mailboxes/mailbox-membership.js';
import { MailboxesRepository } from '../mailboxes/mailboxes.repository.js';
import { DirectoryUsersService } from '../users/directory-users.service.js';
import type { UserEntity } from '../users/entities/user.entity.js';

/**
 * - success: the directory said yes and the user is ours;
 * - rejected: the directory said no (or could not be asked): the local password may be tried;
 * - blocked: the directory (or our database) says this account may not sign in: final;
 * - off: LDAP sign-in is not enabled.
 */
export type LdapOutcome =
  | { kind: 'success'; user: UserEntity }
  | { kind: 'rejected'; reason: string; unreachable: boolean }
  | { kind: 'blocked'; reason: string }
  | { kind: 'off' };

/** Directory errors that mean "this account may not sign in", not "wrong password". */
const BLOCKING_CODES = new Set(['ACCOUNT_DISABLED', 'ACCOUNT_LOCKED', 'PASSWORD_EXPIRED', 'MUST_CHANGE_PASSWORD']);
const UNREACHABLE_CODES = new Set(['UNREACHABLE', 'DNS', 'TIMEOUT', 'TLS', 'PROTOCOL', 'BUSY', 'UNAVAILABLE']);

@Injectable()
export class LdapAuthService {
  constructor(
    private readonly client: LdapClientService,
    private readonly directory: DirectoryService,
    private readonly directoryUsers: DirectoryUsersService,
    private readonly logs: LdapLogService,
    private readonly mailboxes: MailboxesRepository,
    private readonly settings: LdapSettingsService,
  ) {}

  async authenticate(login: string, password: string, ip: string | undefined): Promise<LdapOutcome> {
    const settings = await this.settings.get();
    if (!settings.enabled) return { kind: 'off' };
    const outcome = await this.attempt(login, password, settings).catch((error: unknown) =>
      error instanceof AccountWriteError
        ? { kind: 'blocked' as const, reason: error.message }
        : this.directoryFailure(error),
    );
    await this.record(login, ip, outcome, settings.fallbackToLocal);
    return outcome;
  }

  private async attempt(login: string, password: string, settings: LdapSettings): Promise<LdapOutcome> {
    const found = await this.directory.findByLogin(login, settings);
    if (found.kind === 'not-found') {
      await this.dummyBind(settings, password);
      return { kind: 'rejected', reason: 'not found in any search scope', unreachable: false };
    }
    if (found.kind === 'ambiguous')
      return {
        kind: 'rejected',
        reason: `ambiguous: ${found.dns.length} entries match in ${found.scope.dn}`,
        unreachable: false,
      };
    const { entry } = found;
    // Bind first: the directory's own answer (AD data 533, 773...) is the most precise reason.
    const block = accountBlock(entry);
    try {
      await this.client.verifyPassword(entry.dn, password);
    } catch (error) {
      const e = toLdapError(error);
      if (BLOCKING_CODES.has(e.code)) return { kind: 'blocked', reason: `${entry.dn}: ${describe(e)}` };
      // A locked account's bind fails like a wrong password (OpenLDAP ppolicy answers 49): still a "no" to respect.
      if (e.code === 'INVALID_CREDENTIALS' && block)
        return { kind: 'blocked', reason: `directory account ${entry.dn} is ${block}${subCode(e)}` };
      if (e.code === 'INVALID_CREDENTIALS')
        return { kind: 'rejected', reason: `wrong password for ${entry.dn}${subCode(e)}`, unreachable: false };
      throw e;
    }
    if (block) return { kind: 'blocked', reason: `directory account ${entry.dn} is ${block}` };
    return this.admit(entry, settings);
  }

  /**
   * The directory vouched for this entry (a password bind, or the SSO proxy's word): map it,
   * create or update the user just in time, assign mailboxes by filter (over every lookup scope,
   * as the sync does, not only the scope it was found in).
   */
  async admit(
    entry: DirectoryEntry,
    settings: LdapSettings,
    authSource: 'ldap' | 'sso' = 'ldap',
  ): Promise<LdapOutcome> {
    const mapped = mapEntry(entry, settings);
    if (!mapped.ok) return { kind: 'rejected', reason: `${mapped.reason}: ${mapped.detail}`, unreachable: false };
    const written = await this.directoryUsers.upsert(mapped.profile, authSource).catch((error: unknown) => {
      // our database, not the directory: never "the directory said no", never the local fallback
      throw new AccountWriteError(entry.dn, error);
    });
    if (written.kind === 'refused') return { kind: 'blocked', reason: written.reason };
    const { user, fields } = written;
    for (const cut of mapped.cuts.filter((c) => fields.includes(c.field))) {
      await this.logs.write({
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

  /** Unknown users cost a bind too, so response times do not reveal which accounts exist. */
  private async dummyBind(settings: LdapSettings, password: string): Promise<void> {
    const base = settings.searchScopes[0]?.dn ?? settings.bindDn;
    const dn = `cn=${escapeDnValue(`no-such-user-${randomBytes(8).toString('hex')}`)}${base ? `,${base}` : ''}`;
    await this.client.verifyPassword(dn, password).catch(() => undefined);
  }

  /**
   * The shared membership rule, mailbox by mailbox, each filter on a healthy connection: a mailbox
   * whose filter failed keeps this user's memberships as they were and is logged with the reason.
   */
  private async assignMailboxes(user: UserEntity, dn: string, settings: LdapSettings): Promise<void> {
    const filtered = (await this.mailboxes.listWithFilter()).map((m) => ({
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
      await this.logs.write({
        level: 'warn',
        event: 'login.mailbox.failed',
        actor: user.email,
        message,
        details: { mailboxId: failed.mailbox.id, cause: failed.cause },
      });
    }
  }

  private directoryFailure(error: unknown): LdapOutcome {
    const e = toLdapError(error);
    if (BLOCKING_CODES.has(e.code)) return { kind: 'blocked', reason: describe(e) };
    return { kind: 'rejected', reason: `directory error: ${describe(e)}`, unreachable: UNREACHABLE_CODES.has(e.code) };
  }

  /**
   * One line per directory answer. A "no" that the local password is tried after is
   * login.failed.fallback: the local check writes the attempt's outcome, so counting
   * login.failed counts each failed attempt once.
   */
  private async record(login: string, ip: string | undefined, outcome: LdapOutcome, fallback: boolean): Promise<void> {
    if (outcome.kind === 'off') return;
    const who = `${login.slice(0, 100)}${ip ? ` from ${ip}` : ''}`;
    if (outcome.kind === 'success') {
      await this.logs.write({
        level: 'info',
        event: 'login.succeeded',
        actor: outcome.user.email,
        message: `${who} signed in through the directory`,
      });
    } else {
      const event = outcome.kind === 'blocked' ? 'login.blocked' : fallback ? 'login.failed.fallback' : 'login.failed';
      await this.logs.write({ level: 'warn', event, actor: login.slice(0, 320), message: `${who}: ${outcome.reason}` });
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

function describe(e: LdapError): string {
  return `${e.code}${subCode(e)}${e.detail ? ` (${e.detail})` : ''}`;
}

function subCode(e: LdapError): string {
  return e.adSubCode ? ` [AD data ${e.adSubCode}: ${AD_SUB_CODES[e.adSubCode]?.meaning ?? 'unknown'}]` : '';
}
