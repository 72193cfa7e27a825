import { Injectable } from '@nestjs/common';

import { DirectoryUsersRepository } from '../../users/directory-users.repository.js';
import { decideDeprovisioning, type PassOutcome, passAllowsDeprovisioning } from './deprovision-policy.js';
import type { RunState } from './run-state.js';
import { runWriter } from './run-writer.js';
import { BATCH_SIZE, PENDING_LIST_SIZE } from './run-types.js';

const SCAN_PAGE = 5_000;

/**
 * After a complete full pass: directory users that were not seen are disabled and their sessions
 * ended, unless too many are gone (then a person confirms with force).
 */
@Injectable()
export class DeprovisionStep {
  constructor(private readonly users: DirectoryUsersRepository) {}

  async execute(run: RunState, pass: PassOutcome): Promise<void> {
    const allowed = passAllowsDeprovisioning(run.settings.sync, pass);
    if (!allowed.ok) {
      if (pass.full && run.settings.sync.deprovision === 'disable')
        this.note(run, `nobody disabled: ${allowed.reason}`);
      return;
    }
    const gone = await this.notSeen(run);
    const decision = decideDeprovisioning(
      run.settings.sync,
      pass,
      { gone: gone.length, knownBefore: run.knownBefore.count },
      run.setup.force,
    );
    if (decision.action === 'skip') return;
    if (decision.action === 'confirm') await this.holdForConfirmation(run, gone, decision.percent);
    else await this.disable(run, gone);
    await run.log.flush();
  }

  /**
   * Active directory users known before the run that the pass did not see, scanned in id order
   * (only their ids are kept). A user created meanwhile (a sign-in during the run) is not gone.
   */
  private async notSeen(run: RunState): Promise<number[]> {
    const gone: number[] = [];
    for (let after = 0; ;) {
      const ids = await this.users.activeLdapIdsAfter(after, SCAN_PAGE);
      if (ids.length === 0) return gone;
      for (const id of ids) if (!run.seen.has(id) && id <= run.knownBefore.maxId) gone.push(id);
      after = ids[ids.length - 1];
    }
  }

  private async holdForConfirmation(run: RunState, gone: number[], percent: number): Promise<void> {
    const max = run.settings.sync.maxDisablePercent;
    run.plan.pendingDisable = (await this.users.identities(gone.slice(0, PENDING_LIST_SIZE))).map((u) => ({
      id: u.id,
      email: u.email,
      dn: u.ldapDn,
    }));
    run.plan.pendingDisableTotal = gone.length;
    const message =
      `${gone.length} directory users (${percent.toFixed(1)} %) are gone, more than maxDisablePercent ${max} %: ` +
      'nobody disabled; run again with force to disable them';
    if (run.setup.dryRun) run.warn(`a real run would stop for confirmation: ${message}`);
    else run.needsConfirmation = true;
    run.log.add('warn', 'sync.deprovision.confirm', message, { gone: gone.length, percent, maxDisablePercent: max });
  }

  private async disable(run: RunState, gone: number[]): Promise<void> {
    const writer = runWriter(this.users, run.setup.dryRun);
    for (let i = 0; i < gone.length; i += BATCH_SIZE) {
      run.checkpoint();
      const chunk = gone.slice(i, i + BATCH_SIZE);
      const users = await this.users.identities(chunk);
      await writer.disableForSync(chunk);
      for (const user of users) {
        run.counters.disabled += 1;
        run.sample({ action: 'disable', dn: user.ldapDn, email: user.email, reason: 'gone from the directory' });
        const where = `no longer in the directory (${user.ldapDn ?? 'no DN'})`;
        const [event, message] = writer.planned
          ? ['sync.plan.disable', `would disable ${user.email}: ${where}`]
          : ['sync.user.disabled', `disabled ${user.email}: ${where}; sessions ended`];
        run.log.add('info', event, message, { dn: user.ldapDn, userId: user.id, disabledBy: 'sync' });
      }
      await run.log.flush();
    }
  }

  private note(run: RunState, message: string): void {
    run.warn(message);
    run.log.add('warn', 'sync.deprovision.skipped', message);
  }
}
