import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';

import { UserEntity } from '../../users/entities/user.entity.js';
import { AuthService } from '../auth.service.js';

/** Email and the password stored (hashed) in our own database. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'login', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, login: string, password: string): Promise<UserEntity | false> {
    return (await this.auth.validateLocal(login, password, req.ip)) ?? false;
  }
}
