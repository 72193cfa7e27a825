import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { AuthModule } from './auth/auth.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LdapModule } from './ldap/ldap.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { LogsModule } from './logs/logs.module.js';
import { MailboxesModule } from './mailboxes/mailboxes.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SyncModule } from './sync/sync.module.js';
import { UsersModule } from './users/users.module.js';
import { ConsoleModule } from './web/console.module.js';

@Module({})
export class AppModule {
  /**
   * `schedules: false` (the CLI) leaves out the scheduler (the sync's and session sweep's jobs and their
   * timers), so a command's process can end.
   * `console: false` (the CLI) leaves out the web console, which only an HTTP server can serve.
   * `logging: true` (the server) logs through pino with request ids (see LoggingModule).
   */
  static forRoot(
    config: AppConfig,
    options: { schedules?: boolean; console?: boolean; logging?: boolean } = {},
  ): DynamicModule {
    const schedules = options.schedules ?? true;
    const sync = SyncModule.forRoot({ schedules });
    return {
      module: AppModule,
      imports: [
        ...(schedules ? [ScheduleModule.forRoot()] : []),
        ConfigModule.forRoot(config),
        DashboardModule.forRoot(sync),
        DatabaseModule,
        AuthModule,
        HealthModule,
        LdapModule,
        LogsModule,
        MailboxesModule,
        MetricsModule,
        sync,
        UsersModule,
        ...(options.console === false ? [] : [ConsoleModule.forRoot(config.webRoot)]),
        ...(options.logging ? [LoggingModule.forRoot(config)] : []),
      ],
    };
  }
}
