import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LdapModule } from '../ldap/ldap.module.js';
import { LogsModule } from '../logs/logs.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountLinkController } from './account-link.controller.js';
import { AccountLinkService } from './account-link.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginAttemptEntity } from './entities/login-attempt.entity.js';
import { AuthGuard } from './guards/auth.guard.js';
import { LoginGuard } from './guards/login.guard.js';
import { LdapAuthService } from './ldap-auth.service.js';
import { SessionService } from './session.service.js';
import { SessionSweeper } from './session-sweeper.js';
import { SsoAccounts } from './sso/sso-accounts.js';
import { SsoAuthService } from './sso/sso-auth.service.js';
import { DirectoryPasswordCheck } from './sign-in/directory-password.js';
import { LockoutCheck } from './sign-in/lockout-check.js';
import { LoginForms } from './sign-in/login-forms.js';
import { SignInService } from './sign-in.service.js';
import { PasswordStrategy } from './strategies/password.strategy.js';
import { SsoHeaderStrategy } from './strategies/sso-header.strategy.js';
import { LoginAttemptsRepository } from './throttle/login-attempts.repository.js';
import { LoginThrottleService } from './throttle/login-throttle.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([LoginAttemptEntity]),
    PassportModule,
    LdapModule,
    LogsModule,
    MailboxesModule,
    UsersModule,
  ],
  controllers: [AccountLinkController, AuthController],
  providers: [
    AccountLinkService,
    AuthService,
    DirectoryPasswordCheck,
    LdapAuthService,
    LockoutCheck,
    LoginForms,
    LoginAttemptsRepository,
    LoginGuard,
    LoginThrottleService,
    PasswordStrategy,
    SessionService,
    SessionSweeper,
    SignInService,
    SsoAccounts,
    SsoAuthService,
    SsoHeaderStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService],
})
export class AuthModule {}
