import { DynamicModule, Module } from '@nestjs/common';

import { LdapModule } from '../ldap/ldap.module.js';
import { LogsModule } from '../logs/logs.module.js';
import { UsersModule } from '../users/users.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/**
 * The admin dashboard's read API: depends on ldap, logs, sync and users; nothing depends on it.
 * Takes the app's configured sync module (SyncModule.forRoot), so both share one SyncService.
 */
@Module({})
export class DashboardModule {
  static forRoot(sync: DynamicModule): DynamicModule {
    return {
      module: DashboardModule,
      imports: [LdapModule, LogsModule, sync, UsersModule],
      controllers: [DashboardController],
      providers: [DashboardService],
    };
  }
}
