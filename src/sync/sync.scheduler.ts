import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';

import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { describeError } from './run/run-state.js';
import { SyncRunsRepository } from './sync-runs.repository.js';
import { SyncAlreadyRunningError } from './sync.errors.js';
import { SyncService } from './sync.service.js';

export const SYNC_JOB = 'ldap-sync';
export const PRUNE_JOB = 'ldap-log-prune';
export const SETTINGS_TICK = 'ldap-sync-settings';
/** How soon a save on another instance reaches this one's schedule; each tick reads the version alone. */
export const SETTINGS_TICK_MS = 5_000;
const PRUNE_SCHEDULE = '17 3 * * *';

/**
 * The sync schedule follows the settings without a restart: a save on this instance applies at
 * once (the settings service calls refresh() before it answers), a save on another one within
 * SETTINGS_TICK_MS (the stored version is polled; the settings are read only when it moved).
 * Every instance schedules; the run lock lets one of them run.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SyncScheduler.name);
  /** The expression registered (or refused), null when scheduled runs are off. */
  private current: string | null = null;
  /** The settings version the schedule was last taken from. */
  private seenVersion: number | null = null;
  /** refresh() calls run one after another, so an event and a tick cannot interleave. */
  private refreshing: Promise<void> = Promise.resolve();
  private unsubscribe?: () => void;

  constructor(
    private readonly logs: LdapLogService,
    private readonly registry: SchedulerRegistry,
    private readonly runs: SyncRunsRepository,
    private readonly settings: LdapSettingsService,
    private readonly sync: SyncService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.settings.onChange(() => this.refresh());
    this.registry.addInterval(
      SETTINGS_TICK,
      setInterval(() => void this.poll(), SETTINGS_TICK_MS),
    );
    this.registry.addCronJob(
      PRUNE_JOB,
      CronJob.from({ cronTime: PRUNE_SCHEDULE, onTick: () => void this.prune(), start: true }),
    );
    await this.refresh();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Re-reads the settings and (re)registers the sync job if they changed it. Never throws. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.apply());
    return this.refreshing;
  }

  private async poll(): Promise<void> {
    try {
      if ((await this.settings.storedVersion()) !== this.seenVersion) await this.refresh();
    } catch (error) {
      this.logger.error(`could not read the settings version: ${describeError(error)}`);
    }
  }

  private async apply(): Promise<void> {
    try {
      const version = await this.settings.storedVersion();
      const settings = await this.settings.get();
      this.seenVersion = version;
      const wanted = settings.enabled && settings.sync.enabled ? settings.sync.schedule.trim() : null;
      if (wanted === this.current) return;
      this.unschedule();
      this.current = wanted;
      if (wanted) await this.schedule(wanted);
    } catch (error) {
      this.logger.error(`could not refresh the sync schedule: ${describeError(error)}`);
    }
  }

  /** The expression in force, or null. */
  scheduled(): string | null {
    return this.registry.doesExist('cron', SYNC_JOB) ? this.current : null;
  }

  private async schedule(expression: string): Promise<void> {
    try {
      this.registry.addCronJob(
        SYNC_JOB,
        CronJob.from({ cronTime: expression, onTick: () => void this.runScheduled(), start: true }),
      );
      this.logger.log(`directory sync scheduled: ${expression}`);
    } catch (error) {
      const message = `sync.schedule "${expression}" is not a valid cron expression: scheduled syncs are off until it is fixed (${describeError(error)})`;
      this.logger.error(message);
      await this.logs.write({ level: 'error', event: 'sync.schedule.invalid', message });
    }
  }

  private unschedule(): void {
    if (this.registry.doesExist('cron', SYNC_JOB)) this.registry.deleteCronJob(SYNC_JOB);
  }

  private async runScheduled(): Promise<void> {
    try {
      await this.sync.start({ trigger: 'schedule' });
    } catch (error) {
      if (error instanceof SyncAlreadyRunningError) this.logger.log(`scheduled sync skipped: ${error.message}`);
      else this.logger.error(`scheduled sync did not start: ${describeError(error)}`);
    }
  }

  private async prune(): Promise<void> {
    try {
      const days = (await this.settings.get()).sync.logRetentionDays;
      const lines = await this.logs.prune(days);
      const runs = await this.runs.deleteFinishedBefore(new Date(Date.now() - days * 86_400_000));
      this.logger.log(`pruned ${lines} LDAP log lines and ${runs} sync runs older than ${days} days`);
    } catch (error) {
      this.logger.error(`LDAP log pruning failed: ${describeError(error)}`);
    }
  }
}
