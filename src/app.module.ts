import { DynamicModule, Module } from '@nestjs/common';

import { AuthModule } from './auth/auth.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LdapModule } from './ldap/ldap.module.js';
import { LogsModule } from './logs/logs.module.js';
import { MailboxesModule } from './mailboxes/mailboxes.module.js';
import { SyncModule } from './sync/sync.module.js';
import { UsersModule } from './users/users.module.js';
import { ConsoleModule } from './web/console.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DashboardModule, DatabaseModule, AuthModule, HealthModule, LdapModule, LogsModule, MailboxesModule, SyncModule, UsersModule, ConsoleModule.forRoot(config.webRoot)],
    };
  }
}
