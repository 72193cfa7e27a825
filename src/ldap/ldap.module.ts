import { Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LogsModule } from '../logs/logs.module.js';
import { ServerHealthLog } from './client/server-health.log.js';
import { AttributesService } from './diagnostics/attributes.service.js';
import { DiagnosticsController } from './diagnostics/diagnostics.controller.js';
import { DiagnosticsService } from './diagnostics/diagnostics.service.js';
import { DirectoryService } from './directory/directory.service.js';
import { LdapClientService } from './directory/ldap-client.service.js';
import { LdapSettingsEntity } from './entities/ldap-settings.entity.js';
import { LdapSettingsController } from './settings/ldap-settings.controller.js';
import { PresetsController } from './settings/presets.controller.js';
import { LdapSettingsRepository } from './settings/ldap-settings.repository.js';
import { LdapSettingsService } from './settings/ldap-settings.service.js';
import { configureAllowedTargets } from './target-guard.js';

@Module({
  imports: [TypeOrmModule.forFeature([LdapSettingsEntity]), LogsModule],
  controllers: [DiagnosticsController, LdapSettingsController, PresetsController],
  providers: [
    AttributesService,
    DiagnosticsService,
    DirectoryService,
    LdapClientService,
    LdapSettingsRepository,
    LdapSettingsService,
    ServerHealthLog,
  ],
  exports: [DirectoryService, LdapClientService, LdapSettingsService],
})
export class LdapModule {
  /** Every LDAP connection of this process checks its target against LDAP_ALLOWED_TARGETS (see resolveAllowedTarget). */
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    configureAllowedTargets(config.ldapAllowedTargets ?? []);
  }
}
