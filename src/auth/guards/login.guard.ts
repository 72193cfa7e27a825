import { HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

import { INVALID_LOGIN } from '../login-input.js';

/**
 * POST /api/auth/login: the `password` strategy (SignInService decides). Whatever goes wrong
 * answers the same 401, but for a 429 when the attempt was throttled.
 */
@Injectable()
export class LoginGuard extends AuthGuard('password') {
  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err instanceof HttpException && err.getStatus() === 429) throw err;
    if (err || !user) throw new UnauthorizedException(INVALID_LOGIN);
    return user;
  }
}
