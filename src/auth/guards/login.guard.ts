import { ExecutionContext, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';

import { LdapLogService } from '../../logs/ldap-log.service.js';
import { signIns } from '../../metrics/instruments.js';
import { INVALID_LOGIN, parseLoginInput } from '../login-input.js';
import { LoginThrottleService } from '../throttle/login-throttle.service.js';

/**
 * POST /api/auth/login: refuses what can never be a sign-in, throttles before any bind, then
 * runs `ldap` and `local` in turn. Every failure is the same 401.
 */
@Injectable()
export class LoginGuard extends AuthGuard(['ldap', 'local']) {
  constructor(
    private readonly logs: LdapLogService,
    private readonly throttle: LoginThrottleService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const input = parseLoginInput(req.body);
    if (!input) throw new UnauthorizedException(INVALID_LOGIN);
    req.body = { ...req.body, login: input.login };
    const { wait, loginHasFailures } = await this.throttle.check(input.login, req.ip);
    if (wait > 0) {
      const who = `${input.login.slice(0, 100)}${req.ip ? ` from ${req.ip}` : ''}`;
      await this.logs.write({
        level: 'warn',
        event: 'login.throttled',
        actor: input.login.slice(0, 320),
        message: `${who}: too many failed sign-ins, refused for ${wait} s`,
      });
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      signIns.inc({ outcome: 'throttled', method: 'password' });
      throw new HttpException(
        { statusCode: 429, message: 'Too many failed sign-ins; try again later' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    try {
      await super.canActivate(context);
    } catch (error) {
      await this.throttle.recordFailure(input.login, req.ip);
      signIns.inc({ outcome: 'failure', method: 'password' });
      throw error instanceof HttpException && error.getStatus() !== 401
        ? error
        : new UnauthorizedException(INVALID_LOGIN);
    }
    if (loginHasFailures) await this.throttle.recordSuccess(input.login);
    return true;
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err || !user) throw new UnauthorizedException(INVALID_LOGIN);
    return user;
  }
}
