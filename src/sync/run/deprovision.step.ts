import { Injectable } from '@nestjs/common';

import { DirectoryUsersRepository } from '../../users/directory-users.repository.js';
import { decideDeprovisioning, type PassOutcome, passAllowsDeprovisioning } from './deprovision-policy.js';
import type { RunState } from './run-state.js';
import { runWriter } from './run-writer.js';
import { BATCH_SIZE, PENDING_LIST_SIZE } from './run-types.js';

const SCAN_PAGE = 5_000;

type Why = 'sync' | 'directory';

/**
 * After the pass, every disable of the run in one place: directory users not seen by a complete
 * full pass (gone) and those any pass, complete or not, found turned off in the directory (held
 * by the upsert step).
 * Above the brake (maxDisablePercent) nobody is disabled until a person confirms with force.
 */
@Injectable()
export class DeprovisionStep {
  constructor(private readonly users: DirectoryUsersRepository) {}

  async execute(run: RunState, pass: PassOutcome): Promise<void> {
    const allowed = passAllowsDeprovisioning(run.settings.sync, pass);
    const inDirectory = [...run.directoryDisables.keys()];
    this.noteWhyNot(run, pass, allowed, inDirectory.length);
    const gone = allowed.ok ? await this.notSeen(run) : [];
    const decision = decideDeprovisioning(
      run.settings.sync,
      pass,
      {
        gone: gone.length,
        inDirectory: inDirectory.length,
        knownBefore: run.knownBefore.count,
        linkedBefore: run.knownBefore.linked,
      },
      run.setup.force,
    );
    if (decision.action === 'skip') return;
    if (decision.action === 'confirm') await this.holdForConfirmation(run, gone, inDirectory, decision.percent);
    else {
      await this.disable(run, gone, 'sync');
      await this.disable(run, inDirectory, 'directory');
    }
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

  private async holdForConfirmation(
    run: RunState,
    gone: number[],
    inDirectory: number[],
    percent: number,
  ): Promise<void> {
    const max = run.settings.sync.maxDisablePercent;
    const total = gone.length + inDirectory.length;
    const listed = [...gone, ...inDirectory].slice(0, PENDING_LIST_SIZE);
    const identities = new Map((await this.users.identities(listed)).map((u) => [u.id, u]));
    run.plan.pendingDisable = listed.flatMap((id) => {
      const u = identities.get(id);
      return u ? [{ id: u.id, email: u.email, dn: u.ldapDn }] : [];
    });
    run.plan.pendingDisableTotal = total;
    const message =
      `${describeHeld(gone.length, inDirectory.length, percent)}, more than maxDisablePercent ${max} %: ` +
      'nobody disabled; run again with force to disable them';
    if (run.setup.dryRun) run.warn(`a real run would stop for confirmation: ${message}`);
    else run.needsConfirmation = true;
    run.log.add('warn', 'sync.deprovision.confirm', message, {
      gone: gone.length,
      disabledInDirectory: inDirectory.length,
      percent,
      maxDisablePercent: max,
    });
  }

  private async disable(run: RunState, ids: number[], by: Why): Promise<void> {
    const writer = runWriter(this.users, run.setup.dryRun);
    for (let i = 0; i < ids.length; i += BATCH_SIZE) {
      run.checkpoint();
      const chunk = ids.slice(i, i + BATCH_SIZE);
      const users = await this.users.identities(chunk);
      await writer.disableForSync(chunk, by);
      for (const user of users) {
        const held = by === 'directory' ? run.directoryDisables.get(user.id) : undefined;
        run.counters.disabled += 1;
        // a user found turned off counts as updated too, unless the pass already wrote other fields
        if (by === 'directory' && !held?.countedAsUpdate) run.counters.updated += 1;
        const dn = user.ldapDn ?? 'no DN';
        const reason = held ? `the directory account is ${held.state}` : 'gone from the directory';
        const where = held ? `the directory account ${dn} is ${held.state}` : `no longer in the directory (${dn})`;
        run.sample({ action: 'disable', dn: user.ldapDn, email: user.email, reason });
        const [event, message] = writer.planned
          ? ['sync.plan.disable', `would disable ${user.email}: ${where}`]
          : ['sync.user.disabled', `disabled ${user.email}: ${where}; sessions ended`];
        run.log.add('info', event, message, {
          dn: user.ldapDn,
          userId: user.id,
          disabledBy: by,
          ...(held ? { directoryState: held.state } : {}),
        });
      }
      await run.log.flush();
    }
  }

  /**
   * Says why users gone are left as they are, where a person expects them disabled (a full pass
   * with deprovisioning on). Those turned off in the directory are disabled after any pass.
   */
  private noteWhyNot(run: RunState, pass: PassOutcome, allowed: { ok: boolean; reason?: string }, inDirectory: number) {
    if (!allowed.ok && pass.full && run.settings.sync.deprovision === 'disable')
      this.note(run, `${inDirectory ? 'nobody gone disabled' : 'nobody disabled'}: ${allowed.reason}`);
  }

  private note(run: RunState, message: string): void {
    run.warn(message);
    run.log.add('warn', 'sync.deprovision.skipped', message);
  }
}

/** "12 directory users (40.0 %) are gone", "… are disabled, locked or expired in the directory", or both, counted. */
function describeHeld(gone: number, inDirectory: number, percent: number): string {
  const share = `(${percent.toFixed(1)} %)`;
  if (inDirectory === 0) return `${gone} directory users ${share} are gone`;
  const off = 'disabled, locked or expired in the directory';
  if (gone === 0) return `${inDirectory} directory users ${share} are ${off}`;
  return `${gone + inDirectory} directory users ${share} would be disabled: ${gone} gone, ${inDirectory} ${off}`;
}
