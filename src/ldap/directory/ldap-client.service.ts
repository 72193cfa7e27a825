import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Control } from 'ldapts';

import type { LdapConnection } from '../client/ldap-connection.js';
import { ServiceConnection } from '../client/service-connection.js';
import { LdapSettingsService } from '../settings/ldap-settings.service.js';

/** The Nest face of the directory client: one reused service-account connection per instance. */
@Injectable()
export class LdapClientService implements OnModuleDestroy {
  private readonly service: ServiceConnection;

  constructor(private readonly settings: LdapSettingsService) {
    this.service = new ServiceConnection(() => this.settings.connection());
  }

  withService<T>(fn: (conn: LdapConnection) => Promise<T>): Promise<T> {
    return this.service.use(fn);
  }

  /** Binds as the user on a pooled connection apart from the service one (re-bound per attempt); throws LdapError when refused. */
  async verifyPassword(dn: string, password: string, controls?: Control[]): Promise<void> {
    await this.service.verifyPassword(dn, password, await this.settings.connection(), controls);
  }

  async onModuleDestroy(): Promise<void> {
    await this.service.close();
  }
}
