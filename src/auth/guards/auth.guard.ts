import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

import { IS_PUBLIC, ROLES } from '../../common/decorators.js';
import type { UserEntity, UserRole } from '../../users/entities/user.entity.js';
import { SessionService } from '../session.service.js';
import { NO_SSO } from '../sso/no-sso.decorator.js';
import { SsoHeaderStrategy } from '../strategies/sso-header.strategy.js';

type AuthRequest = Request & { user?: UserEntity; sessionIdHash?: string };

/**
 * The one global guard: a session is needed unless @Public(); @Roles() narrows it. A trusted
 * SSO proxy's header signs its user in on any route (but @NoSso() ones), replacing a session
 * of someone else: the proxy is the authority.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly ssoHeader: SsoHeaderStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const session = await this.sessions.resolve(req);
    if (session) {
      req.user = session.user;
      req.sessionIdHash = session.idHash;
    }
    if (!this.reflector.getAllAndOverride<boolean>(NO_SSO, targets))
      await this.signInBySso(req, context.switchToHttp().getResponse<Response>());
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!req.user) throw new UnauthorizedException('sign in first');
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.user.role)) throw new ForbiddenException('this needs the admin role');
    return true;
  }

  private async signInBySso(req: AuthRequest, res: Response): Promise<void> {
    const current = req.user;
    try {
      const user = await this.ssoHeader.validate(req);
      if (!user || user.id === current?.id) return;
      // the request goes on as the proxy's user, in the session just started
      req.sessionIdHash = await this.sessions.start(user, 'sso', req, res);
      req.user = user;
    } catch (error) {
      // The proxy names a disabled user: whoever the session was for, it is over.
      if (error instanceof ForbiddenException && current) {
        await this.sessions.end(req, res);
        req.user = undefined;
        req.sessionIdHash = undefined;
      }
      throw error;
    }
  }
}
