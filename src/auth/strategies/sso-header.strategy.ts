import { ForbiddenException, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';

import type { UserEntity } from '../../users/entities/user.entity.js';
import { SsoAuthService } from '../sso/sso-auth.service.js';
import { RequestStrategy } from './request-strategy.js';

/**
 * The user named by the reverse proxy's header (the REMOTE_USER of PHP and CGI). False: not
 * applicable (SSO off, no header, or a header that is not believed); a user disabled here or in
 * the directory ends it with 403. The session's user, if any, is read from req.user: a header
 * naming that user returns it unchanged, one naming someone else returns that other user.
 */
@Injectable()
export class SsoHeaderStrategy extends PassportStrategy(RequestStrategy, 'sso-header') {
  constructor(private readonly sso: SsoAuthService) {
    super();
  }

  async validate(req: Request & { user?: UserEntity }): Promise<UserEntity | false> {
    const outcome = await this.sso.authenticate(req, req.user ?? null);
    switch (outcome.kind) {
      case 'success':
      case 'current':
        return outcome.user;
      case 'blocked':
        throw new ForbiddenException('this account is disabled');
      case 'none':
      case 'ignored':
        return false;
    }
  }
}
