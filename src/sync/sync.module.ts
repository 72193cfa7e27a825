import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { LdapModule } from '../ldap/ldap.module.js';
import { LogsModule } from '../logs/logs.module.js';
import { MailboxesModule } from '../mailboxes/mailboxes.module.js';
import { UsersModule } from '../users/users.module.js';
import { SyncRunEntity } from './entities/sync-run.entity.js';
import { AssignMailboxesStep } from './run/assign-mailboxes.step.js';
import { DeprovisionStep } from './run/deprovision.step.js';
import { ImportPassStep } from './run/import-pass.step.js';
import { SyncRunner } from './run/sync-runner.js';
import { UpsertBatchStep } from './run/upsert-batch.step.js';
import { SyncLockRepository } from './sync-lock.repository.js';
import { SyncRunsRepository } from './sync-runs.repository.js';
import { SyncController } from './sync.controller.js';
import { SyncScheduler } from './sync.scheduler.js';
import { SyncService } from './sync.service.js';

export interface SyncModuleOptions {
  /** Register the sync's cron job, the log pruning and the settings poller (off for the CLI). */
  schedules: boolean;
}

const PROVIDERS = [
  AssignMailboxesStep,
  DeprovisionStep,
  ImportPassStep,
  SyncLockRepository,
  SyncRunner,
  SyncRunsRepository,
  SyncService,
  UpsertBatchStep,
];

@Module({})
export class SyncModule {
  /** Sync runs for the API and the CLI; the scheduler only where `schedules` is on (the server). */
  static forRoot(options: SyncModuleOptions): DynamicModule {
    return {
      module: SyncModule,
      imports: [TypeOrmModule.forFeature([SyncRunEntity]), LdapModule, LogsModule, MailboxesModule, UsersModule],
      controllers: [SyncController],
      providers: [...PROVIDERS, ...(options.schedules ? [SyncScheduler] : [])],
      exports: [SyncService],
    };
  }
}
