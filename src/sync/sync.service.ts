import { createHash, randomUUID } from 'node:crypto';

import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

import { NotFoundError } from '../common/domain-error.js';

import { lookupScopes } from '../ldap/directory/directory.service.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import { LdapLogService } from '../logs/ldap-log.service.js';
import { type HighWaterMark, parseMark } from './run/high-water-mark.js';
import { RunState } from './run/run-state.js';
import { emptyCounters, emptyPlan, type RunTrigger, type SyncRunView } from './run/run-types.js';
import { SyncRunner } from './run/sync-runner.js';
import type { SyncRunsPage } from './dto/sync-run.view.js';
import { planOf, toRunView } from './run-view.js';
import { type HeldLock, LEASE_MS, SyncLockRepository } from './sync-lock.repository.js';
import { SyncRunsRepository } from './sync-runs.repository.js';
import { SyncAlreadyRunningError, SyncNotConfiguredError } from './sync.errors.js';

export interface StartOptions {
  trigger: RunTrigger;
  dryRun?: boolean;
  /** A full pass even when a delta would do. */
  full?: boolean;
  /** Disable users even above maxDisablePercent (implies a full pass). */
  force?: boolean;
  /** Who asked (an admin's email, "cli"); null for the schedule. */
  actor?: string | null;
}

export interface SyncRunHandle {
  runId: string;
  /** Resolves with the finished run (status failed included); never rejects. */
  done: Promise<SyncRunView>;
  /** The live view: progress and counters so far. */
  progress(): SyncRunView;
}

interface Active {
  runId: string;
  state: RunState;
  done: Promise<SyncRunView>;
}

/** Starts runs (API, CLI, schedule), one at a time across instances, and reads them back. */
@Injectable()
export class SyncService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SyncService.name);
  private active: Active | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly locks: SyncLockRepository,
    private readonly logs: LdapLogService,
    private readonly runner: SyncRunner,
    private readonly runs: SyncRunsRepository,
    private readonly settings: LdapSettingsService,
  ) {}

  /**
   * Takes the lock and starts the run in the background; throws SyncAlreadyRunningError (409) when
   * one is running, SyncNotConfiguredError (400) when LDAP is off.
   */
  async start(options: StartOptions): Promise<SyncRunHandle> {
    // a start in progress here decides first, so a 409 always names a run that really started
    while (this.starting) await this.starting;
    if (this.active) throw new SyncAlreadyRunningError(this.active.runId);
    const attempt = this.begin(options);
    this.starting = attempt.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await attempt;
    } finally {
      this.starting = undefined;
    }
  }

  private async begin(options: StartOptions): Promise<SyncRunHandle> {
    const settings = await this.settings.get();
    if (!settings.enabled)
      throw new SyncNotConfiguredError('LDAP is not enabled: enable it in the LDAP settings before importing');
    const runId = randomUUID();
    const lock = await this.acquire(runId);
    try {
      return this.launch(await this.prepare(runId, options, settings), lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /**
   * The lock, or a 409 naming the run that holds it. A holder is only taken as running while its
   * run record says so: it writes the record just after taking the lock and releases the lock
   * just after finishing it, so in between the lock is simply tried again.
   */
  private async acquire(runId: string): Promise<HeldLock> {
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.locks.acquire(runId);
      if (result.acquired) return result.lock;
      const holder = await this.runningHolder(result.runId);
      if (holder || attempt >= 10) throw new SyncAlreadyRunningError(holder ?? result.runId);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The run holding the lease, or (when the lease names no run) the newest running run record. */
  private async runningHolder(lockRunId: string | null): Promise<string | null> {
    if (lockRunId) return (await this.runs.get(lockRunId))?.status === 'running' ? lockRunId : null;
    return (await this.runs.latestRunning())?.id ?? null;
  }

  /** The run, live when it runs here; NotFoundError (SYNC_RUN_NOT_FOUND, 404) when there is none. */
  async get(runId: string): Promise<SyncRunView> {
    if (this.active?.runId === runId) return this.active.state.view();
    const row = await this.runs.get(runId);
    if (!row) throw new NotFoundError('SYNC_RUN_NOT_FOUND', `sync run ${runId} not found`);
    return toRunView(row);
  }

  /** A page of runs, newest first; the one running here shows its live progress. */
  async list(page: number, pageSize: number): Promise<SyncRunsPage> {
    const { items, total } = await this.runs.list(page, pageSize);
    return {
      items: items.map((row) => (this.active?.runId === row.id ? this.active.state.view() : toRunView(row))),
      total,
      page,
      pageSize,
    };
  }

  /** The newest run (a running one included), or null. */
  async latest(): Promise<SyncRunView | null> {
    return (await this.list(1, 1)).items[0] ?? null;
  }

  /** The last `count` finished runs, oldest first (for the dashboard's chart). */
  async recentFinished(count: number): Promise<SyncRunView[]> {
    return (await this.runs.lastFinished(count)).map(toRunView).reverse();
  }

  /** The id of the run this instance is running, if any. */
  runningHere(): string | undefined {
    return this.active?.runId;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
    const active = this.active;
    if (!active) return;
    active.state.abort.abort(new Error('the application is shutting down'));
    await active.done;
  }

  private async prepare(runId: string, options: StartOptions, settings: LdapSettings): Promise<RunState> {
    const dryRun = options.dryRun === true;
    const settingsKey = this.settingsKey(settings);
    const startedAt = new Date();
    // independent statements, sent together: a delta's fixed cost is mostly round trips
    const [previous, interrupted] = await Promise.all([
      options.full || options.force || dryRun ? undefined : this.deltaBaseline(settings, settingsKey),
      // we hold the lock: a run still marked running was left by an instance that stopped
      this.runs.failInterrupted(runId, 'interrupted: the instance running it stopped before it finished', startedAt),
    ]);
    if (interrupted) this.logger.warn(`${interrupted} sync run(s) left running by a stopped instance marked failed`);
    const baseline = previous?.mark;
    const pass = baseline ? 'delta' : 'full';
    const { trigger } = options;
    const setup = {
      id: runId,
      mode: dryRun ? 'dry-run' : pass,
      pass,
      trigger,
      dryRun,
      force: options.force === true,
      actor: options.actor ?? null,
      settings,
      baseline,
      previousRunStartedAt: baseline ? previous?.startedAt : undefined,
      plan: emptyPlan(settingsKey),
    } as const;
    const state = new RunState(setup, this.logs, startedAt);
    await this.runs.create({
      id: runId,
      mode: setup.mode,
      trigger,
      startedBy: setup.actor,
      counters: emptyCounters(),
      plan: setup.plan,
      startedAt: state.startedAt,
    });
    return state;
  }

  /**
   * The mark to search from, when a delta is allowed (a recent full run with the same scopes
   * succeeded), and when the run that stored it started.
   */
  private async deltaBaseline(
    settings: LdapSettings,
    settingsKey: string,
  ): Promise<{ mark: HighWaterMark; startedAt: Date } | undefined> {
    const [lastFull, last] = await Promise.all([
      this.runs.lastSucceeded(['full']),
      this.runs.lastSucceeded(['full', 'delta']),
    ]);
    if (!lastFull || !last || planOf(lastFull).settingsKey !== settingsKey) return undefined;
    if (Date.now() - lastFull.startedAt.getTime() >= settings.sync.fullSyncEveryHours * 3_600_000) return undefined;
    const mark = parseMark(last.highWaterMark);
    return mark ? { mark, startedAt: last.startedAt } : undefined;
  }

  private launch(state: RunState, lock: HeldLock): SyncRunHandle {
    const heartbeat = setInterval(() => void this.renew(state, lock), LEASE_MS / 3);
    const done = this.runner.execute(state).finally(async () => {
      clearInterval(heartbeat);
      await lock.release();
      this.active = undefined;
    });
    this.active = { runId: state.id, state, done };
    return { runId: state.id, done, progress: () => state.view() };
  }

  private async renew(state: RunState, lock: HeldLock): Promise<void> {
    if (await lock.heartbeat()) return;
    this.logger.error(`sync run ${state.id} lost its lock: stopping it`);
    state.abort.abort(new Error('the run lost its database lock (connection dropped or lease expired)'));
  }

  /** Who counts as a user and how entries map: a delta is only valid against a full run with the same. */
  private settingsKey(settings: LdapSettings): string {
    const key = {
      scopes: lookupScopes(settings),
      map: settings.attributeMap,
      uid: settings.uidAttribute,
      host: settings.host,
      port: settings.port,
    };
    return createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
  }
}
