import { Injectable } from '@nestjs/common';

import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { MeView, toUserView } from '../users/dto/user.dto.js';
import { PROFILE_FIELDS } from '../users/dto/user.view.js';
import { UserEntity } from '../users/entities/user.entity.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { UsersRepository } from '../users/users.repository.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly logs: LdapLogService,
    private readonly settings: LdapSettingsService,
    private readonly users: UsersRepository,
  ) {}

  /**
   * The local password check: the same work whether or not the user exists. Every outcome leaves
   * one log line (the dashboard counts them); never the password.
   */
  async validateLocal(login: string, password: string, ip?: string): Promise<UserEntity | null> {
    const user = await this.users.getByEmail(login);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    const who = `${login.slice(0, 100)}${ip ? ` from ${ip}` : ''}`;
    if (ok && user && user.status === 'active') {
      await this.logs.write({
        level: 'info',
        event: 'login.succeeded',
        actor: user.email,
        message: `${who} signed in with the local password`,
        details: { method: 'local' },
      });
      return user;
    }
    const blocked = ok && user !== null;
    const reason = blocked
      ? `${user.email} is disabled in the help desk`
      : user
        ? 'the local password does not match'
        : 'no local user with this email';
    await this.logs.write({
      level: 'warn',
      event: blocked ? 'login.blocked' : 'login.failed',
      actor: login.slice(0, 320),
      message: `${who}: ${reason}`,
      details: { method: 'local' },
    });
    return null;
  }

  /** The signed-in user, with the profile fields the directory provides and the SSO proxy's logout page. */
  async me(user: UserEntity): Promise<MeView> {
    const settings = await this.settings.get();
    const fromDirectory = user.authSource === 'ldap' || user.authSource === 'sso';
    const map = settings.attributeMap as unknown as Record<string, string | null | undefined>;
    return {
      ...toUserView(user),
      directoryFields: fromDirectory ? PROFILE_FIELDS.filter((field) => !!map[field]) : [],
      ssoLogoutUrl: settings.sso.enabled ? settings.sso.logoutUrl : null,
    };
  }
}
