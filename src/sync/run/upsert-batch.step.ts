import { Injectable, Logger } from '@nestjs/common';

import { type Cut, describeCut } from '../../ldap/directory/entry-mapping.js';
import { indexUsers } from '../../users/directory-users.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { type NewUser, UsersRepository } from '../../users/users.repository.js';
import { type Candidate, dnKey } from './map-entries.js';
import { type BatchPlan, planBatch, type PlannedUpdate } from './plan-batch.js';
import type { RunState } from './run-state.js';

type Created = BatchPlan['creates'][number];
const uidOf = (c: Candidate): string | null => (c.kind === 'user' ? c.profile.ldapUid : c.uid);

/**
 * Upsert one batch: load every user the batch could be (one query when its entries are known),
 * plan with the matching sign-in uses, write only what differs in one transaction; if that
 * fails, row by row so that one bad row never costs the others.
 */
@Injectable()
export class UpsertBatchStep {
  private readonly logger = new Logger(UpsertBatchStep.name);

  constructor(private readonly users: UsersRepository) {}

  async execute(run: RunState, candidates: Candidate[]): Promise<void> {
    if (candidates.length === 0) return;
    const plan = await this.plan(run, candidates);
    plan.seenIds.forEach((id) => run.seen.add(id));
    run.counters.seen += candidates.length - plan.repeats;
    run.counters.unchanged += plan.unchanged;
    for (const skip of plan.skips) {
      run.skippedDns.add(dnKey(skip.dn));
      run.counters.skipped += 1;
      run.log.add('warn', 'sync.user.skipped', `skipped ${skip.dn}: ${skip.reason}`, {
        dn: skip.dn,
        reason: skip.reason,
        detail: skip.detail,
      });
      run.sample({ action: 'skip', dn: skip.dn, email: null, reason: skip.reason });
    }
    if (run.setup.dryRun) this.recordPlanned(run, plan);
    else await this.write(run, plan);
    this.recordCuts(run, plan, candidates);
    await run.log.flushBehind();
  }

  /**
   * A value cut to fit its column is logged where it is written (a create, or an update of that
   * field): an unchanged user compares what would be stored, so nothing is rewritten or re-logged.
   */
  private recordCuts(run: RunState, plan: BatchPlan, candidates: Candidate[]): void {
    const cuts = new Map<string, Cut[]>();
    for (const c of candidates) if (c.kind === 'user' && c.cuts.length) cuts.set(dnKey(c.dn), c.cuts);
    if (cuts.size === 0) return;
    const written = [
      ...plan.creates.map((create) => ({ dn: create.dn, fields: undefined as string[] | undefined })),
      ...plan.updates.map((update) => ({ dn: update.dn, fields: Object.keys(update.changes) })),
    ];
    for (const { dn, fields } of written) {
      for (const cut of cuts.get(dnKey(dn)) ?? []) {
        if (fields && !fields.includes(cut.field)) continue;
        run.log.add('warn', 'sync.user.truncated', describeCut(dn, cut), {
          dn,
          attribute: cut.attribute,
          length: cut.length,
          max: cut.max,
        });
      }
    }
  }

  private async plan(run: RunState, candidates: Candidate[]): Promise<BatchPlan> {
    const loaded = await this.loadCandidates(candidates);
    const syncDisabled = new Set(
      await this.users.syncDisabledAmong(loaded.filter((u) => u.status === 'disabled').map((u) => u.id)),
    );
    return planBatch(candidates, {
      lookup: indexUsers(loaded),
      syncDisabled,
      alreadySeen: (id) => run.seen.has(id),
      alreadySkipped: (dn) => run.skippedDns.has(dn),
    });
  }

  /**
   * Every user the batch could be, as planBatch looks them up: by stable id first, then by DN and
   * email only for the entries the id did not settle (new, or taking an email another user may
   * hold). An unchanged directory costs one indexed query per batch.
   */
  private async loadCandidates(candidates: Candidate[]): Promise<UserEntity[]> {
    const byUid = await this.users.findDirectoryCandidates({
      uids: candidates.flatMap((c) => uidOf(c) ?? []),
      dns: [],
      emails: [],
    });
    const known = new Map(byUid.map((u) => [u.ldapUid, u]));
    const open = candidates.filter((c) => {
      const user = known.get(uidOf(c));
      return !user || (c.kind === 'user' && !c.profile.emails.includes(user.email));
    });
    if (open.length === 0) return byUid;
    const emails = open.flatMap((c) => (c.kind === 'user' ? c.profile.emails : []));
    const others = await this.users.findDirectoryCandidates({ uids: [], dns: open.map((c) => c.dn), emails });
    return [...new Map([...byUid, ...others].map((u) => [u.id, u])).values()];
  }

  private recordPlanned(run: RunState, plan: BatchPlan): void {
    for (const create of plan.creates) {
      run.plannedCreateDns.add(dnKey(create.dn));
      run.counters.created += 1;
      run.sample({ action: 'create', dn: create.dn, email: create.profile.email });
      run.log.add('info', 'sync.plan.create', `would create ${create.profile.email} from ${create.dn}`, {
        dn: create.dn,
      });
    }
    for (const update of plan.updates) {
      this.countUpdate(run, update);
      run.sample({
        action: update.enable ? 'enable' : 'update',
        dn: update.dn,
        email: update.user.email,
        fields: Object.keys(update.changes),
      });
      run.log.add(
        'info',
        `sync.plan.${update.enable ? 'enable' : 'update'}`,
        describeUpdate(update, true),
        updateDetails(update),
      );
    }
  }

  private async write(run: RunState, plan: BatchPlan): Promise<void> {
    try {
      const ids = await this.users.applyDirectoryBatch(toWrite(plan));
      plan.creates.forEach((create) => this.recordCreated(run, create, ids.get(create.profile.email)));
      plan.updates.forEach((update) => this.recordUpdated(run, update));
    } catch (error) {
      this.logger.warn(
        `batch of ${plan.creates.length + plan.updates.length} writes failed, retrying row by row: ${String(error)}`,
      );
      await this.writeRowByRow(run, plan);
    }
  }

  private async writeRowByRow(run: RunState, plan: BatchPlan): Promise<void> {
    for (const create of plan.creates) {
      try {
        const ids = await this.users.applyDirectoryBatch(toWrite({ ...plan, creates: [create], updates: [] }));
        this.recordCreated(run, create, ids.get(create.profile.email));
      } catch (error) {
        this.recordFailed(run, create.dn, error);
      }
    }
    for (const update of plan.updates) {
      try {
        await this.users.applyDirectoryBatch(toWrite({ ...plan, creates: [], updates: [update] }));
        this.recordUpdated(run, update);
      } catch (error) {
        this.recordFailed(run, update.dn, error);
      }
    }
  }

  private recordCreated(run: RunState, create: Created, id: number | undefined): void {
    if (id !== undefined) run.seen.add(id);
    run.counters.created += 1;
    run.sample({ action: 'create', dn: create.dn, email: create.profile.email });
    run.log.add('info', 'sync.user.created', `created ${create.profile.email} from ${create.dn}`, {
      dn: create.dn,
      userId: id,
    });
  }

  private recordUpdated(run: RunState, update: PlannedUpdate): void {
    this.countUpdate(run, update);
    run.sample({
      action: update.enable ? 'enable' : 'update',
      dn: update.dn,
      email: update.user.email,
      fields: Object.keys(update.changes),
    });
    run.log.add(
      'info',
      update.enable ? 'sync.user.enabled' : 'sync.user.updated',
      describeUpdate(update, false),
      updateDetails(update),
    );
  }

  private countUpdate(run: RunState, update: PlannedUpdate): void {
    run.counters.updated += 1;
    if (update.enable) run.counters.enabled += 1;
  }

  private recordFailed(run: RunState, dn: string, error: unknown): void {
    run.counters.failed += 1;
    const message = error instanceof Error ? error.message : String(error);
    run.log.add('error', 'sync.user.failed', `could not write ${dn}: ${message.slice(0, 300)}`, { dn });
  }
}

function toWrite(plan: Pick<BatchPlan, 'creates' | 'updates'>) {
  const now = new Date();
  return {
    creates: plan.creates.map(({ profile: p }): NewUser => ({
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      jobTitle: p.jobTitle,
      phone: p.phone,
      ldapUid: p.ldapUid,
      ldapDn: p.ldapDn,
      role: 'agent',
      status: 'active',
      authSource: 'ldap',
      passwordHash: null,
      lastLoginAt: null,
      syncedAt: now,
    })),
    updates: plan.updates.map((u) => ({ id: u.user.id, changes: { ...u.changes, syncedAt: now } })),
    enable: plan.updates.filter((u) => u.enable).map((u) => u.user.id),
  };
}

function describeUpdate(update: PlannedUpdate, planned: boolean): string {
  const who = update.user.email;
  const fields = Object.keys(update.changes);
  if (update.enable) {
    return `${planned ? 'would re-enable' : 're-enabled'} ${who}: back in the directory at ${update.dn}${fields.length ? ` (changed ${fields.join(', ')})` : ''}`;
  }
  return `${planned ? 'would update' : 'updated'} ${who}: ${fields.join(', ')}`;
}

function updateDetails(update: PlannedUpdate): Record<string, unknown> {
  const details: Record<string, unknown> = {
    dn: update.dn,
    userId: update.user.id,
    fields: Object.keys(update.changes),
  };
  if (update.changes.ldapDn !== undefined) details.previousDn = update.user.ldapDn;
  return details;
}
