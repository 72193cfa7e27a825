import { Module } from '@nestjs/common';

import { LdapModule } from '../ldap/ldap.module.js';
import { LogsModule } from '../logs/logs.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { UsersModule } from '../users/users.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/** The admin dashboard's read API: depends on ldap, logs, sync and users; nothing depends on it. */
@Module({
  imports: [LdapModule, LogsModule, SyncModule, UsersModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
