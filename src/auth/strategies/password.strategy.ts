import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';

import { signIns } from '../../metrics/instruments.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { INVALID_LOGIN, parseLoginInput } from '../login-input.js';
import { type PasswordWarning, SignInService, type SignInMethod } from '../sign-in.service.js';
import { RequestStrategy } from './request-strategy.js';

/** The request after a password sign-in: the method that let the person in, for the session. */
export type SignedInRequest = Request & {
  user?: UserEntity;
  signInMethod?: SignInMethod;
  passwordWarning?: PasswordWarning;
};

/**
 * The sign-in form (`{login, password}`), directory or local: an adapter over SignInService,
 * which decides. Every refusal is the same 401; a throttled attempt is 429 with Retry-After.
 */
@Injectable()
export class PasswordStrategy extends PassportStrategy(RequestStrategy, 'password') {
  constructor(private readonly signIn: SignInService) {
    super();
  }

  async validate(req: SignedInRequest): Promise<UserEntity> {
    const input = parseLoginInput(req.body);
    if (!input) throw new UnauthorizedException(INVALID_LOGIN);
    const outcome = await this.signIn.signIn(input, req.ip);
    if (outcome.ok) {
      req.signInMethod = outcome.method;
      req.passwordWarning = outcome.passwordWarning;
      return outcome.user;
    }
    signIns.inc({ outcome: outcome.reason === 'throttled' ? 'throttled' : 'failure', method: 'password' });
    if (outcome.reason === 'throttled') {
      req.res?.setHeader('Retry-After', String(outcome.wait));
      throw new HttpException(
        { statusCode: 429, message: 'Too many failed sign-ins; try again later' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    throw new UnauthorizedException(INVALID_LOGIN);
  }
}
