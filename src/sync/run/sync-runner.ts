import { Injectable, Logger } from '@nestjs/common';

import { LdapConnection } from '../../ldap/client/ldap-connection.js';
import { lookupScopes } from '../../ldap/directory/directory.service.js';
import { LdapSettingsService } from '../../ldap/settings/ldap-settings.service.js';
import { recordSyncRun } from '../../metrics/instruments.js';
import { HealthyConnection } from '../../mailboxes/mailbox-membership.js';
import { DirectoryUsersRepository } from '../../users/directory-users.repository.js';
import { SyncRunsRepository } from '../sync-runs.repository.js';
import { AssignMailboxesStep } from './assign-mailboxes.step.js';
import { DeprovisionStep } from './deprovision.step.js';
import { formatMark, markFitsServer, readServerMark } from './high-water-mark.js';
import { ImportPassStep } from './import-pass.step.js';
import { describeError, type RunState } from './run-state.js';
import type { SyncRunView } from './run-types.js';

/**
 * One run, start to end: a dedicated service-account connection (OpenLDAP allows one paged search
 * per connection, so the shared one is left to sign-ins) → directory pass → deprovision → mailboxes
 * → record. Never throws: a failure is the run's status.
 */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger(SyncRunner.name);

  constructor(
    private readonly assignMailboxes: AssignMailboxesStep,
    private readonly deprovision: DeprovisionStep,
    private readonly importPass: ImportPassStep,
    private readonly runs: SyncRunsRepository,
    private readonly settings: LdapSettingsService,
    private readonly users: DirectoryUsersRepository,
  ) {}

  async execute(run: RunState): Promise<SyncRunView> {
    let conn: LdapConnection | undefined;
    try {
      const by = run.setup.actor ? ` by ${run.setup.actor}` : '';
      run.log.add('info', 'sync.started', `${describeRun(run)} started${by}`, {
        mode: run.setup.mode,
        trigger: run.setup.trigger,
      });
      // written behind the run, and nothing below waits on the database before the search: a
      // delta's cost is mostly such round trips (the final flush still writes every line first)
      run.log.send();
      const knownBefore = this.users.activeLdapSnapshot();
      // awaited after the mark; a failed connect must not leave it unhandled
      knownBefore.catch(() => undefined);
      conn = await this.connect();
      this.checkBaselineServer(run, conn);
      await this.takeMark(run, conn);
      run.knownBefore = await knownBefore;
      const pass = await this.importPass.execute(run, conn);
      await this.deprovision.execute(run, pass);
      if (conn.isUsable) await this.assignMailboxesOn(run, conn);
      run.error = pass.errors.join('; ') || null;
      run.status = pass.errors.length ? 'failed' : run.needsConfirmation ? 'needs_confirmation' : 'succeeded';
    } catch (error) {
      run.status = 'failed';
      run.error = describeError(error);
      this.logger.warn(`sync run ${run.id} failed: ${run.error}`);
    } finally {
      await conn?.close();
    }
    await this.record(run);
    return run.view();
  }

  /**
   * A delta from a per-server counter (AD uSNChanged) read on another server would start at the
   * wrong place in this server's count and could miss changes: after a failover the run is a full
   * one instead, and says why.
   */
  private checkBaselineServer(run: RunState, conn: LdapConnection): void {
    const baseline = run.setup.baseline;
    if (run.setup.pass !== 'delta' || !baseline || markFitsServer(baseline, conn.server)) return;
    run.setup.pass = 'full';
    if (run.setup.mode === 'delta') run.setup.mode = 'full';
    const message = `the delta mark ${formatMark(baseline)} was read from another server and ${baseline.attribute} counts per server; this run reads from ${conn.server}: a full pass instead`;
    run.warn(message);
    run.log.add('warn', 'sync.mark.other-server', message, { mark: formatMark(baseline), server: conn.server });
  }

  /**
   * The server's change mark, read before the first entry: every change after this point gets a
   * later stamp, so the next delta searching from it misses nothing this run read too early.
   */
  private async takeMark(run: RunState, conn: LdapConnection): Promise<void> {
    if (run.setup.dryRun) return;
    const read = await readServerMark(
      conn,
      lookupScopes(run.settings).map((scope) => scope.dn),
    );
    if (read.mark) {
      run.mark = read.mark;
      run.log.add(
        'info',
        'sync.mark',
        `next delta starts from ${formatMark(read.mark)} (${read.source}, read as this run started)`,
        { mark: formatMark(read.mark) },
      );
    } else {
      const message = `${read.reason}: deltas are not possible, every run is a full one`;
      run.warn(message);
      run.log.add('warn', 'sync.mark.missing', message);
    }
    run.log.send();
  }

  /** Mailbox filters, each on a healthy connection: one that timed out or dropped is replaced. */
  private async assignMailboxesOn(run: RunState, conn: LdapConnection): Promise<void> {
    const connection = new HealthyConnection(conn, () => this.connect());
    try {
      await this.assignMailboxes.execute(run, connection);
    } finally {
      await connection.close();
    }
  }

  private async connect(): Promise<LdapConnection> {
    return LdapConnection.openBound(await this.settings.connection());
  }

  /** The log first and the run record last: a client that sees the run finished finds its whole log. */
  private async record(run: RunState): Promise<void> {
    const finishedAt = new Date();
    const durationMs = finishedAt.getTime() - run.startedAt.getTime();
    recordSyncRun(run.status, run.setup.mode, durationMs);
    const keepsMark = !run.setup.dryRun && run.status !== 'failed';
    try {
      const level = run.status === 'failed' ? 'error' : run.status === 'needs_confirmation' ? 'warn' : 'info';
      const counters = Object.entries(run.counters)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      run.log.add(
        level,
        'sync.finished',
        `${describeRun(run)} ${run.status.replace('_', ' ')} in ${durationMs} ms: ${counters}${run.error ? ` — ${run.error}` : ''}`,
        {
          status: run.status,
          counters: run.counters,
          progress: run.progress,
          durationMs,
        },
      );
      await run.log.flush();
      await this.runs.update(run.id, {
        status: run.status,
        counters: run.counters,
        progress: run.progress,
        plan: run.plan,
        error: run.error,
        highWaterMark: keepsMark ? formatMark(run.mark) : null,
        mode: run.setup.mode,
        finishedAt,
      });
    } catch (error) {
      this.logger.error(`could not record sync run ${run.id}: ${describeError(error)}`);
    } finally {
      run.finishedAt = finishedAt;
    }
  }
}

function describeRun(run: RunState): string {
  const kind = run.setup.dryRun ? 'dry run' : `${run.setup.pass} sync`;
  return `${kind} ${run.id} (${run.setup.trigger})`;
}
