import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LogsModule } from '../logs/logs.module.js';
import { AttributesService } from './diagnostics/attributes.service.js';
import { DiagnosticsController } from './diagnostics/diagnostics.controller.js';
import { DiagnosticsService } from './diagnostics/diagnostics.service.js';
import { DirectoryService } from './directory/directory.service.js';
import { LdapClientService } from './directory/ldap-client.service.js';
import { LdapSettingsEntity } from './entities/ldap-settings.entity.js';
import { LdapSettingsController } from './settings/ldap-settings.controller.js';
import { LdapSettingsRepository } from './settings/ldap-settings.repository.js';
import { LdapSettingsService } from './settings/ldap-settings.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LdapSettingsEntity]), LogsModule],
  controllers: [DiagnosticsController, LdapSettingsController],
  providers: [
    AttributesService,
    DiagnosticsService,
    DirectoryService,
    LdapClientService,
    LdapSettingsRepository,
    LdapSettingsService,
  ],
  exports: [DirectoryService, LdapClientService, LdapSettingsService],
})
export class LdapModule {}
