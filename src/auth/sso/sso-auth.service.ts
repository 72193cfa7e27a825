import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';

import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DirectoryService, type LookupResult } from '../../ldap/directory/directory.service.js';
import { EntryReader } from '../../ldap/directory/entry-reader.js';
import { LdapSettingsService } from '../../ldap/settings/ldap-settings.service.js';
import type { LdapSettings, SsoSettings } from '../../ldap/settings/ldap-settings.types.js';
import { LdapLogService } from '../../logs/ldap-log.service.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapAuthService } from '../ldap-auth.service.js';
import { missingScopesReason } from '../sign-in/directory-password.js';
import { normaliseSsoUser, printable, readHeader, type SsoIdentity } from './header-value.js';
import { LogLimiter } from './log-limiter.js';
import { parseTrustedProxies, proxyChain } from './proxy-chain.js';
import { RecentIdentities } from './recent-identities.js';
import { secretMatches } from './secret-compare.js';
import { SsoAccounts } from './sso-accounts.js';

/**
 * - none: SSO is off, or the request carries no identity header;
 * - ignored: a header that is not believed or not usable: the request goes on unauthenticated;
 * - current: the header names the user the session already belongs to;
 * - success: sign this user in;
 * - blocked: the user is disabled here or in the directory (403).
 */
export type SsoOutcome =
  | { kind: 'none' }
  | { kind: 'ignored' }
  | { kind: 'current'; user: UserEntity }
  | { kind: 'success'; user: UserEntity }
  | { kind: 'blocked' };

type Believed = { ok: true; identity: SsoIdentity; client: string | null } | { ok: false; outcome: SsoOutcome };

const NONE: SsoOutcome = { kind: 'none' };
const IGNORED: SsoOutcome = { kind: 'ignored' };

/** Header single sign-on behind a trusted reverse proxy (see README, "Single sign-on behind a reverse proxy"). */
@Injectable()
export class SsoAuthService {
  private readonly limiter = new LogLimiter();
  private readonly recent = new RecentIdentities();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: SsoAccounts,
    private readonly directory: DirectoryService,
    private readonly ldapAuth: LdapAuthService,
    private readonly logs: LdapLogService,
    private readonly settings: LdapSettingsService,
  ) {}

  /** What the proxy's header means for this request; `current` is the session's user, if any. */
  async authenticate(req: Request, current: UserEntity | null): Promise<SsoOutcome> {
    const settings = await this.settings.get();
    if (!settings.sso.enabled) return NONE;
    const believed = await this.believe(req, settings.sso);
    if (!believed.ok) return believed.outcome;
    const { identity, client } = believed;
    if (current && this.isCurrent(current, identity)) return { kind: 'current', user: current };
    const outcome = await this.resolve(identity, settings).catch((error: unknown) =>
      this.ignore(
        'sso.failed',
        identity.login,
        `${identity.login}: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      ),
    );
    if (outcome.kind !== 'success') return outcome;
    this.recent.remember(identity.login, outcome.user.id);
    if (outcome.user.id === current?.id) return { kind: 'current', user: current };
    await this.logs.append({
      level: 'info',
      event: 'sso.login',
      actor: outcome.user.email,
      message: `${identity.login}${client ? ` from ${client}` : ''} signed in through the SSO proxy`,
    });
    return outcome;
  }

  /** Where the proxy's own logout is, when SSO is on: ending our session alone would sign the user straight back in. */
  async logoutTarget(): Promise<{ logoutUrl: string | null } | Record<string, never>> {
    const sso = (await this.settings.get()).sso;
    return sso.enabled ? { logoutUrl: sso.logoutUrl } : {};
  }

  /** The header's user, only from a trusted proxy, with the shared secret when one is set, sent once and well-formed. */
  private async believe(req: Request, sso: SsoSettings): Promise<Believed> {
    const header = readHeader(req.rawHeaders, sso.header);
    if (header.kind === 'absent') return { ok: false, outcome: NONE };
    const chain = proxyChain(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      parseTrustedProxies(sso.trustedProxies),
      forwarding(this.config.trustProxy),
    );
    const from = chain.peer ?? 'an unknown address';
    if (!chain.trusted) {
      const claimed = header.kind === 'single' ? ` claiming "${printable(header.value)}"` : '';
      return {
        ok: false,
        outcome: await this.ignore(
          'sso.untrusted',
          from,
          `${sso.header} header${claimed} from ${from}, which is not a trusted proxy: ignored`,
        ),
      };
    }
    if (sso.secretHeader && !(await this.secretOk(req, sso.secretHeader))) {
      return {
        ok: false,
        outcome: await this.ignore(
          'sso.secret',
          from,
          `${sso.header} header from ${from} without the right ${sso.secretHeader}: ignored`,
        ),
      };
    }
    if (header.kind === 'repeated') {
      return {
        ok: false,
        outcome: await this.ignore(
          'sso.refused',
          `${from} repeated`,
          `${sso.header} header sent ${header.count} times by ${from}: refused`,
        ),
      };
    }
    const parsed = normaliseSsoUser(header.value, sso);
    if (!parsed.ok)
      return {
        ok: false,
        outcome: await this.ignore(
          'sso.refused',
          `${from} ${parsed.reason}`,
          `${sso.header} header from ${from} ${parsed.reason}: refused`,
        ),
      };
    return { ok: true, identity: parsed.identity, client: chain.client };
  }

  private async secretOk(req: Request, secretHeader: string): Promise<boolean> {
    const secret = await this.settings.ssoSecret();
    const given = readHeader(req.rawHeaders, secretHeader);
    // No secret stored while a secret header is configured: fail closed.
    return secret !== null && given.kind === 'single' && secretMatches(given.value, secret);
  }

  private isCurrent(current: UserEntity, identity: SsoIdentity): boolean {
    if (this.recent.userOf(identity.login) === current.id) return true;
    const email = current.email.toLowerCase();
    return email === identity.email || email === identity.login;
  }

  /** The directory first (by login attributes, then by the email form), then our own users by email. */
  private async resolve(identity: SsoIdentity, settings: LdapSettings): Promise<SsoOutcome> {
    if (settings.enabled) {
      const found = await this.lookup(identity, settings);
      // No scope exists: the directory said nothing about the person, as when it is unreachable
      // (sign-in counts it as unavailable too): no fallback to our own users by email.
      if (found.kind === 'not-found' && noScopeExists(found))
        return this.ignore(
          'sso.failed',
          identity.login,
          `${identity.login}: ${missingScopesReason(found.missingScopes ?? [])}: no user can be looked up`,
          'error',
        );
      if (found.kind === 'ambiguous')
        return this.ignore(
          'sso.unknown',
          identity.login,
          `${identity.login}: ${found.dns.length} directory entries match in ${found.scope.dn}`,
        );
      if (found.kind === 'found') return this.admitEntry(identity, found, settings);
    }
    const local = await this.accounts.local(identity, { create: settings.sso.autoCreate && !settings.enabled });
    if (local.kind === 'missing')
      return this.ignore(
        'sso.unknown',
        identity.login,
        `${identity.login}: no such user${settings.enabled ? ' in the directory or' : ''} in the help desk${settings.sso.autoCreate ? '' : ' (autoCreate is off)'}`,
      );
    if (local.user.status !== 'active') return this.block(identity, `${local.user.email} is disabled in the help desk`);
    return { kind: 'success', user: local.user };
  }

  private async lookup(identity: SsoIdentity, settings: LdapSettings): Promise<LookupResult> {
    const found = await this.directory.findByLogin(identity.login, settings);
    if (found.kind !== 'not-found' || noScopeExists(found) || !identity.email || identity.email === identity.login)
      return found;
    return this.directory.findByLogin(identity.email, settings);
  }

  private async admitEntry(
    identity: SsoIdentity,
    found: Extract<LookupResult, { kind: 'found' }>,
    settings: LdapSettings,
  ): Promise<SsoOutcome> {
    const block = EntryReader.for(settings).signInBlock(found.entry);
    if (block) return this.block(identity, `directory account ${found.entry.dn} is ${block}`);
    if (!settings.sso.autoCreate && !(await this.accounts.knows(found.entry, settings))) {
      return this.ignore(
        'sso.unknown',
        identity.login,
        `${identity.login}: ${found.entry.dn} has no help desk user and autoCreate is off`,
      );
    }
    const outcome = await this.ldapAuth.admit(found.entry, settings, 'sso');
    if (outcome.kind === 'success') return outcome;
    if (outcome.kind === 'blocked') return this.block(identity, outcome.reason);
    return this.ignore(
      'sso.failed',
      identity.login,
      `${identity.login}: ${outcome.kind === 'rejected' ? outcome.reason : 'LDAP is off'}`,
    );
  }

  private async block(identity: SsoIdentity, reason: string): Promise<SsoOutcome> {
    await this.quietly(
      'sso.blocked',
      identity.login,
      'warn',
      `${identity.login} was refused (403): ${reason}`,
      identity.login,
    );
    return { kind: 'blocked' };
  }

  private async ignore(
    event: string,
    key: string,
    message: string,
    level: 'warn' | 'error' = 'warn',
  ): Promise<SsoOutcome> {
    await this.quietly(event, key, level, message);
    return IGNORED;
  }

  /** A log line, at most one per event and key a minute (see LogLimiter). */
  private async quietly(
    event: string,
    key: string,
    level: 'warn' | 'error',
    message: string,
    actor?: string,
  ): Promise<void> {
    const allowed = this.limiter.allow(`${event}:${key}`);
    if (!allowed) return;
    const held = allowed.heldBack > 0 ? ` (${allowed.heldBack} similar lines held back)` : '';
    await this.logs.append({ level, event, actor: actor ?? null, message: `${message}${held}` });
  }
}

/** Every search scope's base is missing on the server (noSuchObject on each): nobody can be looked up. */
function noScopeExists(found: Extract<LookupResult, { kind: 'not-found' }>): boolean {
  const missing = found.missingScopes?.length ?? 0;
  return missing > 0 && missing === found.scopeCount;
}

/** TRUST_PROXY set (any value but false or 0): X-Forwarded-For is read to find the client. */
function forwarding(trustProxy: AppConfig['trustProxy']): boolean {
  return Array.isArray(trustProxy) ? trustProxy.length > 0 : trustProxy !== false && trustProxy !== 0;
}
