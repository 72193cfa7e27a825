import { Inject, Injectable, Logger } from '@nestjs/common';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersRepository } from './users.repository.js';

export interface BootstrapResult {
  email: string;
  /** Set only when we generated it: shown once, never stored in clear. */
  generatedPassword?: string;
}

/** On a start with no users at all, creates the first admin so nobody is locked out. */
@Injectable()
export class BootstrapAdminService {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
  ) {}

  async ensureAdmin(): Promise<BootstrapResult | null> {
    if ((await this.users.count()) > 0) return null;
    const email = this.config.bootstrapAdminEmail ?? 'admin@example.com';
    const generatedPassword = this.config.bootstrapAdminPassword ? undefined : this.hasher.randomPassword(18);
    try {
      await this.users.create({
        email,
        firstName: 'Admin',
        lastName: null,
        jobTitle: null,
        phone: null,
        role: 'admin',
        status: 'active',
        authSource: 'local',
        passwordHash: await this.hasher.hash(this.config.bootstrapAdminPassword ?? generatedPassword!),
        ldapUid: null,
        ldapDn: null,
        lastLoginAt: null,
        syncedAt: null,
      });
    } catch (error) {
      // Another instance sharing the database created it first (unique email).
      if (await this.users.getByEmail(email)) return null;
      throw error;
    }
    this.logger.log(`created the bootstrap admin ${email}`);
    return { email, generatedPassword };
  }
}
