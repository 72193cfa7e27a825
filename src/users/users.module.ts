import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SessionEntity } from './entities/session.entity.js';
import { UserEntity } from './entities/user.entity.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { DirectoryUsersRepository } from './directory-users.repository.js';
import { DirectoryUsersService } from './directory-users.service.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Every provider here is also used by other modules (auth, sync, CLI, dashboard). */
const PROVIDERS = [
  BootstrapAdminService,
  DirectoryUsersRepository,
  DirectoryUsersService,
  PasswordHasher,
  SessionsRepository,
  UsersRepository,
  UsersService,
];

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity])],
  controllers: [UsersController],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class UsersModule {}
