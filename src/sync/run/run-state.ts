import { LdapError } from '../../ldap/ldap.error.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';
import type { LdapLogService, LogEntry } from '../../logs/ldap-log.service.js';
import type { DirectoryAccountState } from '../../users/directory-users.js';
import type { HighWaterMark } from './high-water-mark.js';
import {
  emptyCounters,
  type PlannedChange,
  type RunMode,
  type RunPlan,
  type RunStatus,
  type RunTrigger,
  SAMPLE_PER_ACTION,
  type SyncProgress,
  type SyncRunView,
} from './run-types.js';
import { SeenIds } from './seen-ids.js';

export interface RunSetup {
  id: string;
  mode: RunMode;
  /** What the directory pass covers: every entry, or those changed since the baseline. */
  pass: 'full' | 'delta';
  trigger: RunTrigger;
  dryRun: boolean;
  force: boolean;
  actor: string | null;
  settings: LdapSettings;
  baseline: HighWaterMark | undefined;
  /** With a baseline: when the run that stored it started (mailboxes changed after it are reconciled in full). */
  previousRunStartedAt?: Date;
  plan: RunPlan;
}

/** A user the pass found turned off in the directory, held until the brake has decided. */
export interface HeldDirectoryDisable {
  state: DirectoryAccountState;
  /** Other fields changed too: the pass wrote them and counted the user as updated. */
  countedAsUpdate: boolean;
}

/** Changed entries a delta checks one by one against each mailbox filter; more are searched by the delta clause. */
export const CHANGED_DNS_KEPT = 200;

/** Everything one run knows while it runs; small on purpose (no entries, no entities). */
export class RunState {
  readonly counters = emptyCounters();
  readonly progress: SyncProgress = { pages: 0, entries: 0 };
  readonly seen = new SeenIds();
  /** DN keys of entries skipped so far: overlapping scopes log a skip once. Skips are few. */
  readonly skippedDns = new Set<string>();
  /** Dry run only: DNs that would be created, so mailbox plans can count them. */
  readonly plannedCreateDns = new Set<string>();
  readonly abort = new AbortController();
  /**
   * Delta passes: DNs of the entries the pass read, for the mailbox step to check one by one;
   * undefined once more than CHANGED_DNS_KEPT were read (the step then searches by the delta clause).
   */
  changedDns: string[] | undefined = [];
  /**
   * Active users whose entry the directory turned off (disabled, locked, expired), by id: not
   * disabled during the pass but after it, with those gone, under the same brake (deprovision.step.ts),
   * so a brake that stops the run has disabled nobody.
   */
  readonly directoryDisables = new Map<number, HeldDirectoryDisable>();
  /** The server's change mark read when the run started: where the next delta begins. */
  mark: HighWaterMark | undefined;
  /**
   * Active directory users before the pass wrote anything: the brake's base. Users the run
   * creates or re-enables must not dilute it, so a dry run and a real run decide the same.
   */
  knownBefore: { count: number; linked: number; maxId: number } = { count: 0, linked: 0, maxId: 0 };
  /** The outcome; the run shows as running until it is recorded (finishedAt set). */
  status: RunStatus = 'running';
  /** Too many users to disable: the run ends as needs_confirmation. */
  needsConfirmation = false;
  error: string | null = null;
  finishedAt: Date | null = null;
  readonly log: RunLog;
  /** Sample rows taken so far, per action. */
  private readonly sampled: Partial<Record<PlannedChange['action'], number>> = {};

  /** Notes entries a delta pass read (see changedDns). */
  noteChanged(dns: readonly string[]): void {
    if (!this.changedDns) return;
    this.changedDns.push(...dns);
    if (this.changedDns.length > CHANGED_DNS_KEPT) this.changedDns = undefined;
  }

  constructor(
    readonly setup: RunSetup,
    logs: LdapLogService,
    readonly startedAt = new Date(),
  ) {
    this.log = new RunLog(logs, setup.id, setup.actor);
  }

  get id(): string {
    return this.setup.id;
  }

  get settings(): LdapSettings {
    return this.setup.settings;
  }

  get plan(): RunPlan {
    return this.setup.plan;
  }

  /** What the run did, or in a dry run would do: the first few changes of each action, for the run record. */
  sample(change: PlannedChange): void {
    const taken = (this.sampled[change.action] ??= this.plan.sample.filter((c) => c.action === change.action).length);
    if (taken >= SAMPLE_PER_ACTION) return;
    this.sampled[change.action] = taken + 1;
    this.plan.sample.push(change);
  }

  warn(message: string): void {
    this.plan.warnings.push(message);
  }

  /** Throws once the run was told to stop (lost lock, shutdown). */
  checkpoint(): void {
    this.abort.signal.throwIfAborted();
  }

  view(): SyncRunView {
    const { id, mode, trigger, actor } = this.setup;
    const end = this.finishedAt ?? new Date();
    return {
      id,
      status: this.finishedAt ? this.status : 'running',
      mode,
      trigger,
      progress: { ...this.progress },
      counters: { ...this.counters },
      durationMs: end.getTime() - this.startedAt.getTime(),
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      startedBy: actor,
      error: this.error,
      sample: this.plan.sample,
      pendingDisable: this.plan.pendingDisable,
      pendingDisableTotal: this.plan.pendingDisableTotal,
      warnings: this.plan.warnings,
    };
  }
}

/**
 * LDAP log lines of a run, written a batch at a time rather than one INSERT per user, in the order
 * they were added. A batch can be written while the run goes on (flushBehind); flush waits for all.
 */
export class RunLog {
  private pending: LogEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly logs: LdapLogService,
    private readonly runId: string,
    private readonly actor: string | null,
  ) {}

  add(level: LogEntry['level'], event: string, message: string, details?: Record<string, unknown>): void {
    this.pending.push({ level, event, message, runId: this.runId, actor: this.actor, details });
  }

  /** Writes every line added so far and waits until all are written. */
  async flush(): Promise<void> {
    this.send();
    await this.writing;
    this.rethrow();
  }

  /**
   * Starts writing the lines added so far and waits only for the write before them: at most one
   * batch of lines is being written behind the run, so they never pile up in memory.
   */
  async flushBehind(): Promise<void> {
    const previous = this.writing;
    this.send();
    await previous;
    this.rethrow();
  }

  /**
   * Starts writing the lines added so far without waiting for them (the log shows them while the
   * run goes on); a failed write is thrown by the next flush or flushBehind.
   */
  send(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing
      .then(() => this.logs.write(...batch))
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  private rethrow(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
  }
}

/** The run was told to stop (its lock was lost, the application is shutting down). */
export function isAbort(run: RunState, error: unknown): boolean {
  return run.abort.signal.aborted && error === run.abort.signal.reason;
}

export function describeError(error: unknown): string {
  if (error instanceof LdapError) return `${error.code}: ${error.message}${error.detail ? ` (${error.detail})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
