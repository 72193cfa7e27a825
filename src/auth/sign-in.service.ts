import { Injectable } from '@nestjs/common';

import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { UsersRepository } from '../users/users.repository.js';
import type { LoginInput } from './login-input.js';
import { AccountMemo } from './sign-in/account-memo.js';
import { DirectoryPasswordCheck, type DirectoryResult, type PasswordWarning } from './sign-in/directory-password.js';
import {
  accountKind,
  nextStep,
  type DirectoryAnswer,
  type RefusalReason,
  type SignInMethod,
} from './sign-in/sign-in-policy.js';
import { LoginThrottleService, type Reservation } from './throttle/login-throttle.service.js';

export type { PasswordWarning, RefusalReason, SignInMethod };

/** A password sign-in's result: who and how, or why not (`wait`: seconds, for Retry-After). */
export type SignInOutcome =
  | { ok: true; user: UserEntity; method: Exclude<SignInMethod, 'sso'>; passwordWarning?: PasswordWarning }
  | { ok: false; reason: Exclude<RefusalReason, 'throttled'> }
  | { ok: false; reason: 'throttled'; wait: number };

/**
 * The one place a password sign-in is decided (`POST /api/auth/login`), in this order:
 * 1. throttle: an attempt is taken on the login and the client address before anything else;
 * 2. directory (when LDAP is on): the entry is found as the service account, an attempt is taken
 *    on the entry too (in step 1's statement when the login named this entry last time: AccountMemo),
 *    then the bind as the entry; an active user comes out of the account writer;
 * 3. local: the local password, only where the fallback policy (sign-in/sign-in-policy.ts) allows.
 * Attempts are kept when the person's own credentials failed, given back when the directory could
 * not answer or the sign-in succeeded (behind the answer: LoginThrottleService.settleBehind). One
 * settings snapshot per attempt; one log line per attempt naming the path taken and the outcome,
 * never the password.
 */
@Injectable()
export class SignInService {
  private readonly accounts = new AccountMemo();

  constructor(
    private readonly directory: DirectoryPasswordCheck,
    private readonly hasher: PasswordHasher,
    private readonly logs: LdapLogService,
    private readonly settings: LdapSettingsService,
    private readonly throttle: LoginThrottleService,
    private readonly users: UsersRepository,
  ) {}

  /** Decides one attempt; `ip` is the client's address as Express reports it. */
  async signIn(input: LoginInput, ip: string | undefined): Promise<SignInOutcome> {
    const trace = new Trace(input.login, ip);
    const settings = await this.settings.get();
    const reservation = this.throttle.start();
    // the account this login named last time is counted with the login, on a guess the search checks
    const ahead = settings.enabled ? this.accounts.get(input.login) : undefined;
    const taken = await this.throttle.reserveLogin(reservation, input.login, ip, new Date(), ahead);
    if (!taken.ok) {
      trace.step('throttle (refused)', `too many failed sign-ins, refused for ${taken.wait} s`);
      return this.finish(trace, reservation, { ok: false, reason: 'throttled', wait: taken.wait });
    }
    const directory = await this.askDirectory(input, settings, reservation, trace);
    if (directory.answer === 'throttled')
      return this.finish(trace, reservation, { ok: false, reason: 'throttled', wait: directory.wait });
    if (directory.answer === 'admitted')
      return this.finish(trace, reservation, {
        ok: true,
        user: directory.user,
        method: 'ldap',
        ...(directory.warning && { passwordWarning: directory.warning }),
      });
    return this.finish(trace, reservation, await this.tryLocal(input, settings, directory.answer, trace));
  }

  private async askDirectory(
    input: LoginInput,
    settings: LdapSettings,
    reservation: Reservation,
    trace: Trace,
  ): Promise<DirectoryResult | { answer: 'off' }> {
    if (!settings.enabled) return { answer: 'off' };
    const result = await this.directory.check(input.login, input.password, settings, async (dn) => {
      this.accounts.remember(input.login, dn);
      const taken = await this.throttle.reserveAccount(reservation, dn);
      return taken.ok ? 0 : taken.wait;
    });
    trace.step(`directory (${result.answer})`, result.reason);
    return result;
  }

  /** The local password, where the policy allows it for this account after this directory answer. */
  private async tryLocal(
    input: LoginInput,
    settings: LdapSettings,
    answer: DirectoryAnswer,
    trace: Trace,
  ): Promise<SignInOutcome> {
    const user = await this.users.getByEmail(input.login);
    const kind = accountKind(user);
    const next = nextStep(answer, kind, !settings.enabled || settings.fallbackToLocal);
    if (next.step === 'done-ldap') throw new Error('unreachable: the directory did not admit this attempt');
    if (next.step === 'refuse') {
      // the same work as a local check when one could have been made, so timing tells nothing
      if (!settings.enabled || settings.fallbackToLocal) await this.hasher.verify(null, input.password);
      trace.step('local (not tried)', localRefusal(kind, answer, settings, input.login));
      return { ok: false, reason: next.reason };
    }
    const ok = await this.hasher.verify(user?.passwordHash ?? null, input.password);
    if (!ok || !user) {
      // a local password was there and did not match: the person's own credentials failed, so
      // the attempt counts even while the directory is unavailable (else local passwords could
      // be guessed without limit for as long as the directory cannot answer)
      if (user?.passwordHash) trace.localPasswordFailed = true;
      trace.step(
        `${next.method} (no match)`,
        user ? 'the local password does not match' : `no local user with this ${loginKind(input.login)}`,
      );
      return { ok: false, reason: answer === 'unavailable' ? 'unavailable' : 'wrong-credentials' };
    }
    if (user.status !== 'active') {
      trace.step(`${next.method} (match)`, `${user.email} is disabled in the help desk`);
      return { ok: false, reason: 'blocked' };
    }
    trace.step(`${next.method} (match)`, `the local password of ${user.email} matches (${kind} account)`);
    return { ok: true, user, method: next.method };
  }

  private async finish(trace: Trace, reservation: Reservation, outcome: SignInOutcome): Promise<SignInOutcome> {
    if (reservation.accountAhead !== undefined) await this.throttle.releaseAccountAhead(reservation);
    // both behind the answer: the settle (see settleBehind: a late one can only refuse more) and
    // the log line (queued in order, flushed before any read of the log and at shutdown)
    if (outcome.ok) this.throttle.settleBehind(reservation, 'succeeded');
    else if (outcome.reason === 'unavailable' && !trace.localPasswordFailed)
      this.throttle.settleBehind(reservation, 'unavailable');
    await this.logs.append(trace.line(outcome));
    return outcome;
  }
}

function localRefusal(kind: string, answer: DirectoryAnswer, settings: LdapSettings, login: string): string {
  if (answer === 'blocked') return 'the directory refused this account';
  if (settings.enabled && !settings.fallbackToLocal) return 'fallbackToLocal is off';
  if (kind === 'none') return `no active local account with a local password for this ${loginKind(login)}`;
  return 'a directory-managed account uses its local password only while the directory is unavailable';
}

/** Local accounts are found by email: a login without "@" is a directory login name and cannot match one. */
function loginKind(login: string): string {
  return login.includes('@') ? 'email' : 'login name (local accounts sign in with their email)';
}

const EVENTS: Record<RefusalReason | 'ok', string> = {
  ok: 'login.succeeded',
  'wrong-credentials': 'login.failed',
  blocked: 'login.blocked',
  throttled: 'login.throttled',
  unavailable: 'login.unavailable',
};

/** The steps one attempt went through, written as its one log line. */
class Trace {
  private readonly steps: { path: string; note: string }[] = [];
  /** A local password was checked and did not match (the attempt then counts, whatever the directory said). */
  localPasswordFailed = false;

  constructor(
    private readonly login: string,
    private readonly ip: string | undefined,
  ) {}

  step(path: string, note: string): void {
    this.steps.push({ path, note });
  }

  line(outcome: SignInOutcome) {
    const who = `${this.login.slice(0, 100)}${this.ip ? ` from ${this.ip}` : ''}`;
    const result = outcome.ok ? `signed in (${outcome.method})` : `refused (${outcome.reason})`;
    const path = this.steps.map((s) => s.path);
    const notes = this.steps.map((s) => s.note).join('; ');
    return {
      level: outcome.ok ? ('info' as const) : ('warn' as const),
      event: EVENTS[outcome.ok ? 'ok' : outcome.reason],
      actor: outcome.ok ? outcome.user.email : this.login.slice(0, 320),
      message: `${who}: ${notes} [path: ${path.join(' → ')}; ${result}]`,
      details: { path, outcome: outcome.ok ? 'signed-in' : outcome.reason, method: outcome.ok ? outcome.method : null },
    };
  }
}
