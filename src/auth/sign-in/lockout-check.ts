import { Injectable, OnModuleInit } from '@nestjs/common';

import { validationFailed } from '../../common/field-errors.js';
import { LdapSettingsService } from '../../ldap/settings/ldap-settings.service.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';
import { UsersRepository } from '../../users/users.repository.js';
import { canSignIn } from './sign-in-policy.js';

/**
 * Refuses a settings save under which no active admin could sign in (by SignInService's own
 * policy), unless the request says `confirmLockout: true`. The CLI's break-glass commands
 * (`ldap:disable`, `admin:reset-password`) stay the way back in.
 */
@Injectable()
export class LockoutCheck implements OnModuleInit {
  constructor(
    private readonly settings: LdapSettingsService,
    private readonly users: UsersRepository,
  ) {}

  onModuleInit(): void {
    this.settings.addSaveCheck((next, request) => this.check(next, request.confirmLockout === true));
  }

  /** Throws a 400 with `fields.confirmLockout` when no admin could sign in under `next`. */
  async check(next: LdapSettings, confirmed: boolean): Promise<void> {
    if (confirmed) return;
    const admins = await this.users.activeAdmins();
    if (admins.some((admin) => canSignIn(admin, next))) return;
    const why =
      next.enabled && !next.fallbackToLocal
        ? 'with LDAP on and fallbackToLocal off, local passwords stop working and no admin is linked to a directory entry'
        : 'no active admin has a password that would work';
    const message = `no admin could sign in after this save (${why}): send confirmLockout: true to save anyway`;
    throw validationFailed([message], { confirmLockout: [message] });
  }
}
