import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';

import { LdapSettingsService } from '../../ldap/settings/ldap-settings.service.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { LdapAuthService } from '../ldap-auth.service.js';
import { INVALID_LOGIN, parseLoginInput } from '../login-input.js';
import { RequestStrategy } from './request-strategy.js';

/**
 * Directory sign-in, tried before `local`. Returning false passes the login on to the local
 * password (LDAP off, or the directory said no and fallbackToLocal is on); throwing ends it
 * (the directory says the account is disabled or locked: never bypassed).
 */
@Injectable()
export class LdapStrategy extends PassportStrategy(RequestStrategy, 'ldap') {
  constructor(
    private readonly ldapAuth: LdapAuthService,
    private readonly settings: LdapSettingsService,
  ) {
    super();
  }

  async validate(req: Request): Promise<UserEntity | false> {
    const input = parseLoginInput(req.body);
    if (!input) throw new UnauthorizedException(INVALID_LOGIN);
    const outcome = await this.ldapAuth.authenticate(input.login, input.password, req.ip);
    switch (outcome.kind) {
      case 'success':
        return outcome.user;
      case 'off':
        return false;
      case 'rejected':
        if ((await this.settings.get()).fallbackToLocal) return false;
        throw new UnauthorizedException(INVALID_LOGIN);
      case 'blocked':
        throw new UnauthorizedException(INVALID_LOGIN);
    }
  }
}
