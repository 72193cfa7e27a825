import { Injectable } from '@nestjs/common';

import { UserEntity } from '../users/entities/user.entity.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { UsersRepository } from '../users/users.repository.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
  ) {}

  /** The local password check: the same work whether or not the user exists. */
  async validateLocal(login: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.getByEmail(login);
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    return ok && user && user.status === 'active' ? user : null;
  }
}
