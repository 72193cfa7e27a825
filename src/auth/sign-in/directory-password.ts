import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { normalizeLogin } from '../../common/login.js';
import { describeSubCode } from '../../ldap/flavours/rules.js';
import { EntryReader } from '../../ldap/directory/entry-reader.js';
import { DirectoryService } from '../../ldap/directory/directory.service.js';
import { LdapClientService } from '../../ldap/directory/ldap-client.service.js';
import { LdapError, toLdapError } from '../../ldap/ldap.error.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';
import { resolveBindIdentity } from '../../ldap/syntax/bind-identity.js';
import { escapeDnValue } from '../../ldap/syntax/escape.js';
import { PasswordPolicyControl } from '../../ldap/syntax/password-policy.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { AccountWriteError, type AdmitReadAhead, LdapAuthService } from '../ldap-auth.service.js';
import { LoginForms } from './login-forms.js';
import type { DirectoryAnswer } from './sign-in-policy.js';

/** The directory step's answer, with the reason for the log (never shown to the client). */
export type DirectoryResult =
  | { answer: 'admitted'; user: UserEntity; reason: string; warning?: PasswordWarning }
  | { answer: Exclude<DirectoryAnswer, 'admitted' | 'off'>; reason: string }
  | { answer: 'throttled'; wait: number; reason: string };

/** The directory's password policy warning for a sign-in it let through (for the UI and the log). */
export type PasswordWarning =
  { kind: 'expiring'; seconds: number; days: number } | { kind: 'grace'; remaining: number };

/** Password policy errors that refuse the sign-in even when the bind succeeded (§6.2 of the draft). */
const POLICY_REFUSALS = new Set(['passwordExpired', 'accountLocked', 'changeAfterReset']);

/** Directory errors that mean "this account may not sign in", not "wrong password". */
const BLOCKING_CODES = new Set(['ACCOUNT_DISABLED', 'ACCOUNT_LOCKED', 'PASSWORD_EXPIRED', 'MUST_CHANGE_PASSWORD']);

/**
 * The directory half of a password sign-in: find the entry as the service account, let the
 * caller count the attempt on that entry, bind as it, then hand it to the account writer.
 * Every answer says whether it was about the person (wrong-credentials, blocked) or the
 * directory could not answer (unavailable: the service account's search, the connection, TLS,
 * a timeout, a busy server).
 */
@Injectable()
export class DirectoryPasswordCheck {
  constructor(
    private readonly client: LdapClientService,
    private readonly directory: DirectoryService,
    private readonly ldapAuth: LdapAuthService,
    private readonly loginForms: LoginForms,
  ) {}

  /**
   * @param beforeBind called with the entry's DN once it is known, before the bind; a wait in
   * seconds refuses the attempt as throttled.
   */
  async check(
    login: string,
    password: string,
    settings: LdapSettings,
    beforeBind: (dn: string) => Promise<number>,
  ): Promise<DirectoryResult> {
    let found;
    try {
      const resolved = await this.loginForms.resolve(login, settings);
      if (!resolved.ok) {
        await this.dummyBind(settings, password);
        return { answer: 'wrong-credentials', reason: resolved.reason };
      }
      found = await this.directory.findByLogin(resolved.login, settings);
    } catch (error) {
      return { answer: 'unavailable', reason: `${serviceAccount(settings)} could not search: ${describe(error)}` };
    }
    if (found.kind === 'not-found') {
      const missing = found.missingScopes ?? [];
      // No scope exists: the directory said nothing about the person (a configuration fault or a
      // server without the naming context), so the fallback policy for an unavailable directory applies.
      if (missing.length > 0 && missing.length === found.scopeCount)
        return { answer: 'unavailable', reason: `${missingScopesReason(missing)}: no user can be looked up` };
      // the same work as for an entry found, so timing does not tell which logins exist: an
      // attempt counted on an account key (the login's own), then a bind
      const ahead = this.ldapAuth.readAheadUnknown(login);
      const wait = await beforeBind(unknownAccountKey(login));
      if (wait > 0)
        return { answer: 'throttled', wait, reason: 'too many failed sign-ins (not found in any search scope)' };
      await this.dummyBind(settings, password);
      await ahead;
      const also = missing.length > 0 ? `; ${missingScopesReason(missing)}` : '';
      return { answer: 'wrong-credentials', reason: `not found in any search scope${also}` };
    }
    if (found.kind === 'ambiguous')
      return {
        answer: 'wrong-credentials',
        reason: `ambiguous: ${found.dns.length} entries match in ${found.scope.dn}`,
      };
    const { entry } = found;
    // the users this entry could be are read while the attempt is counted and the bind runs
    const ahead = this.readAhead(entry, settings);
    const wait = await beforeBind(entry.dn);
    if (wait > 0) return { answer: 'throttled', wait, reason: `too many failed sign-ins for ${entry.dn}` };
    const block = EntryReader.for(settings).signInBlock(entry);
    // OpenLDAP ppolicy and 389 answer the password policy control on the bind (must change, expired, grace, expiring)
    const policy = new PasswordPolicyControl();
    try {
      await this.client.verifyPassword(entry.dn, password, [policy]);
    } catch (error) {
      const e = toLdapError(error);
      const refusal = policyRefusal(entry.dn, policy);
      if (refusal) return { answer: 'blocked', reason: refusal };
      if (BLOCKING_CODES.has(e.code)) return { answer: 'blocked', reason: `${entry.dn}: ${describe(e)}` };
      // A locked account's bind fails like a wrong password (OpenLDAP ppolicy answers 49): still a "no" to respect.
      if (e.code === 'INVALID_CREDENTIALS' && block)
        return { answer: 'blocked', reason: `directory account ${entry.dn} is ${block}${subCode(e)}` };
      if (e.code === 'INVALID_CREDENTIALS')
        return { answer: 'wrong-credentials', reason: `wrong password for ${entry.dn}${subCode(e)}` };
      return { answer: 'unavailable', reason: `the bind as ${entry.dn} got no answer: ${describe(e)}` };
    }
    if (block) return { answer: 'blocked', reason: `directory account ${entry.dn} is ${block}` };
    const refusal = policyRefusal(entry.dn, policy);
    if (refusal) return { answer: 'blocked', reason: refusal };
    const admitted = await this.admit(entry, settings, ahead);
    const warning = policyWarning(policy);
    if (admitted.answer !== 'admitted' || !warning) return admitted;
    return { ...admitted, warning, reason: `${admitted.reason}; ${describeWarning(warning)}` };
  }

  private async admit(
    entry: Parameters<LdapAuthService['admit']>[0],
    settings: LdapSettings,
    ahead: AdmitReadAhead | undefined,
  ): Promise<DirectoryResult> {
    try {
      const outcome = await this.ldapAuth.admit(entry, settings, 'ldap', ahead);
      switch (outcome.kind) {
        case 'success':
          return { answer: 'admitted', user: outcome.user, reason: `the directory accepted ${entry.dn}` };
        case 'blocked':
          return { answer: 'blocked', reason: outcome.reason };
        case 'rejected':
          return { answer: 'wrong-credentials', reason: outcome.reason };
        case 'off':
          return { answer: 'unavailable', reason: 'LDAP sign-in was turned off meanwhile' };
      }
    } catch (error) {
      // our database, not the directory: never "the directory said no", never the local fallback
      if (error instanceof AccountWriteError) return { answer: 'blocked', reason: error.message };
      return { answer: 'unavailable', reason: `while admitting ${entry.dn}: ${describe(error)}` };
    }
  }

  /** admit()'s rows read ahead; none when the entry cannot even be read (admit() then says why). */
  private readAhead(entry: Parameters<LdapAuthService['admit']>[0], settings: LdapSettings) {
    try {
      return this.ldapAuth.readAhead(entry, settings);
    } catch {
      return undefined;
    }
  }

  /** Unknown users cost a bind too, so response times do not reveal which accounts exist. */
  private async dummyBind(settings: LdapSettings, password: string): Promise<void> {
    const base = settings.searchScopes[0]?.dn ?? settings.bindDn;
    const dn = `cn=${escapeDnValue(`no-such-user-${randomBytes(8).toString('hex')}`)}${base ? `,${base}` : ''}`;
    await this.client.verifyPassword(dn, password).catch(() => undefined);
  }
}

/** The account key of a login no entry has: one per login (not per attempt), so a flood of unknown logins adds no more rows than the login key does. */
function unknownAccountKey(login: string): string {
  return `no-entry:${normalizeLogin(login)}`;
}

function policyRefusal(dn: string, policy: PasswordPolicyControl): string | null {
  const error = policy.response?.error;
  if (!error || !POLICY_REFUSALS.has(error)) return null;
  const what =
    error === 'changeAfterReset'
      ? 'the password was reset and must be changed first'
      : error === 'passwordExpired'
        ? 'the password has expired'
        : 'the account is locked';
  return `${dn}: ${what} (password policy: ${error})`;
}

function policyWarning(policy: PasswordPolicyControl): PasswordWarning | undefined {
  const response = policy.response;
  if (response?.graceAuthNsRemaining !== undefined) return { kind: 'grace', remaining: response.graceAuthNsRemaining };
  if (response?.timeBeforeExpiration !== undefined) {
    const seconds = response.timeBeforeExpiration;
    return { kind: 'expiring', seconds, days: Math.ceil(seconds / 86_400) };
  }
  return undefined;
}

/** The warning in words, for the log line. */
export function describeWarning(warning: PasswordWarning): string {
  return warning.kind === 'grace'
    ? `the password has expired: ${warning.remaining} grace sign-ins left (password policy)`
    : `the password expires within ${warning.days} days (${warning.seconds} s, password policy)`;
}

/** The log's words for scope bases the server does not have: a configuration fault, not the person's. */
export function missingScopesReason(dns: string[]): string {
  const which =
    dns.length === 1 ? `search scope base ${dns[0]} does not` : `search scope bases ${dns.join('; ')} do not`;
  return `${which} exist in the directory (noSuchObject, result code 32: a configuration fault)`;
}

/** "the service account <identity>", for log lines about its failures. */
function serviceAccount(settings: LdapSettings): string {
  try {
    return `the service account ${resolveBindIdentity(settings.bindUsername, settings.bindDn).bindAs}`;
  } catch {
    return 'the service account (no valid bind identity)';
  }
}

function describe(error: unknown): string {
  const e = error instanceof LdapError ? error : toLdapError(error);
  return `${e.code}${subCode(e)}${e.detail ? ` (${e.detail})` : ''}`;
}

function subCode(e: LdapError): string {
  return e.subCode ? ` [${describeSubCode(e.subCode)}]` : '';
}
