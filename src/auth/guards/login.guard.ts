import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';

import { INVALID_LOGIN, parseLoginInput } from '../login-input.js';

/** Runs the sign-in strategies on POST /api/auth/login; every failure is the same 401. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const input = parseLoginInput(req.body);
    if (!input) throw new UnauthorizedException(INVALID_LOGIN);
    req.body = { ...req.body, login: input.login };
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err || !user) throw new UnauthorizedException(INVALID_LOGIN);
    return user;
  }
}
