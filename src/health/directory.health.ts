import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

import { LdapClientService } from '../ldap/directory/ldap-client.service.js';
import { LdapError } from '../ldap/ldap.error.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';

/**
 * Readiness of the directory: when LDAP is on, the service account's connection must answer a
 * root DSE read (within the settings' timeout). Only an error code is reported: the readiness
 * check is public, so no host, DN or server message goes out.
 */
@Injectable()
export class DirectoryHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly ldap: LdapClientService,
    private readonly settings: LdapSettingsService,
  ) {}

  async check(key = 'directory') {
    const indicator = this.indicators.check(key);
    try {
      if (!(await this.settings.get()).enabled) return indicator.up({ enabled: false });
      await this.ldap.withService((connection) => connection.rootDse(['namingContexts']));
      return indicator.up({ enabled: true });
    } catch (error) {
      // the settings could not be read (the database is down): that check reports it
      if (!(error instanceof LdapError)) return indicator.down({ reason: 'SETTINGS_UNREADABLE' });
      return indicator.down({ enabled: true, reason: error.code });
    }
  }
}
