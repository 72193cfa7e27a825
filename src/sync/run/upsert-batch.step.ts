import { Injectable, Logger } from '@nestjs/common';

import { type Candidate, type Cut, describeCut } from '../../ldap/directory/entry-reader.js';
import { describeStableIdChange, recreatedUsers, type StableIdProbe } from '../../users/account-writer.js';
import { indexUsers, initialStatus } from '../../users/directory-users.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { type DirectoryBatch, DirectoryUsersRepository } from '../../users/directory-users.repository.js';
import type { NewUser } from '../../users/users.repository.js';
import { dnKey } from './map-entries.js';
import { type BatchPlan, planBatch, type PlannedUpdate } from './plan-batch.js';
import type { RunState } from './run-state.js';
import { runWriter, type RunWriter } from './run-writer.js';

type Created = BatchPlan['creates'][number];
const uidOf = (c: Candidate): string | null => (c.kind === 'user' ? c.profile.ldapUid : c.uid);

/**
 * Upsert one batch: load every user the batch could be (one query when its entries are known),
 * plan with the account writer's decisions (those sign-in and SSO take), write only what differs in one transaction; if that
 * fails, row by row so that one bad row never costs the others.
 */
@Injectable()
export class UpsertBatchStep {
  private readonly logger = new Logger(UpsertBatchStep.name);

  constructor(private readonly users: DirectoryUsersRepository) {}

  /** `stillAUser` answers whether a stable id is still a user in the directory (for re-created entries). */
  async execute(run: RunState, candidates: Candidate[], stillAUser: StableIdProbe): Promise<void> {
    if (candidates.length === 0) return;
    const plan = await this.plan(run, candidates, stillAUser);
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
    const written = holdDirectoryDisables(run, plan);
    await this.write(run, written);
    this.recordCuts(run, written, candidates);
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

  private async plan(run: RunState, candidates: Candidate[], stillAUser: StableIdProbe): Promise<BatchPlan> {
    const lookup = indexUsers(await this.loadCandidates(candidates));
    return planBatch(candidates, {
      lookup,
      recreated: await recreatedUsers(
        candidates.flatMap((c) => (c.kind === 'user' ? [c] : [])),
        lookup,
        stillAUser,
      ),
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

  /** Writes the plan (a dry run's writer writes nothing) and logs each change, as done or as planned. */
  private async write(run: RunState, plan: BatchPlan): Promise<void> {
    const writer = runWriter(this.users, run.setup.dryRun);
    try {
      const ids = await writer.applyDirectoryBatch(toWrite(plan));
      plan.creates.forEach((create) => this.recordCreated(run, writer, create, ids.get(create.profile.email)));
      plan.updates.forEach((update) => this.recordUpdated(run, writer, update));
    } catch (error) {
      this.logger.warn(
        `batch of ${plan.creates.length + plan.updates.length} writes failed, retrying row by row: ${String(error)}`,
      );
      await this.writeRowByRow(run, writer, plan);
    }
  }

  private async writeRowByRow(run: RunState, writer: RunWriter, plan: BatchPlan): Promise<void> {
    for (const create of plan.creates) {
      try {
        const ids = await writer.applyDirectoryBatch(toWrite({ creates: [create], updates: [] }));
        this.recordCreated(run, writer, create, ids.get(create.profile.email));
      } catch (error) {
        this.recordFailed(run, create.dn, error);
      }
    }
    for (const update of plan.updates) {
      try {
        await writer.applyDirectoryBatch(toWrite({ creates: [], updates: [update] }));
        this.recordUpdated(run, writer, update);
      } catch (error) {
        this.recordFailed(run, update.dn, error);
      }
    }
  }

  private recordCreated(run: RunState, writer: RunWriter, create: Created, id: number | undefined): void {
    if (id !== undefined) run.seen.add(id);
    if (writer.planned) run.plannedCreateDns.add(dnKey(create.dn));
    run.counters.created += 1;
    run.sample({ action: 'create', dn: create.dn, email: create.profile.email });
    const state = create.profile.directoryState;
    const disabled = state ? ` (disabled: the directory account is ${state})` : '';
    run.log.add(
      'info',
      writer.planned ? 'sync.plan.create' : 'sync.user.created',
      `${writer.planned ? 'would create' : 'created'} ${create.profile.email} from ${create.dn}${disabled}`,
      { dn: create.dn, userId: id, ...(state ? { directoryState: state } : {}) },
    );
  }

  private recordUpdated(run: RunState, writer: RunWriter, update: PlannedUpdate): void {
    const action = actionOf(update);
    run.counters.updated += 1;
    if (action === 'enable') run.counters.enabled += 1;
    if (action === 'disable') run.counters.disabled += 1;
    run.sample({
      action,
      dn: update.dn,
      email: update.user.email,
      fields: profileFields(update),
      ...(action === 'disable' ? { reason: `the directory account is ${update.directoryState}` } : {}),
    });
    const event = writer.planned ? `sync.plan.${action}` : `sync.user.${PAST[action]}`;
    run.log.add('info', event, describeUpdate(update, writer.planned), updateDetails(update));
  }

  private recordFailed(run: RunState, dn: string, error: unknown): void {
    run.counters.failed += 1;
    const message = error instanceof Error ? error.message : String(error);
    run.log.add('error', 'sync.user.failed', `could not write ${dn}: ${message.slice(0, 300)}`, { dn });
  }
}

const PAST = { update: 'updated', enable: 'enabled', disable: 'disabled' } as const;

/**
 * Holds back the disables the directory's account state asks for: the deprovision step applies
 * them after the pass, together with those of users gone, once the brake allows (or a person
 * forced it). The rest of such an update (a new title, a moved DN) is written now.
 */
function holdDirectoryDisables(run: RunState, plan: BatchPlan): BatchPlan {
  if (!plan.updates.some((update) => update.disable)) return plan;
  const updates: PlannedUpdate[] = [];
  for (const update of plan.updates) {
    if (!update.disable) {
      updates.push(update);
      continue;
    }
    const { status: _status, disabledBy: _by, ...rest } = update.changes;
    const countedAsUpdate = Object.keys(rest).length > 0;
    run.directoryDisables.set(update.user.id, { state: update.directoryState ?? 'disabled', countedAsUpdate });
    if (countedAsUpdate) updates.push({ ...update, changes: rest, disable: false });
  }
  return { ...plan, updates };
}

function actionOf(update: PlannedUpdate): 'update' | 'enable' | 'disable' {
  return update.enable ? 'enable' : update.disable ? 'disable' : 'update';
}

/** The profile fields an update changes (status and its reason are told apart). */
function profileFields(update: PlannedUpdate): string[] {
  return Object.keys(update.changes).filter((field) => field !== 'status' && field !== 'disabledBy');
}

function toWrite(plan: Pick<BatchPlan, 'creates' | 'updates'>): DirectoryBatch {
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
      ...initialStatus(p.directoryState),
      authSource: 'ldap',
      passwordHash: null,
      lastLoginAt: null,
      syncedAt: now,
    })),
    updates: plan.updates.map((u) => ({ id: u.user.id, changes: { ...u.changes, syncedAt: now } })),
  };
}

function describeUpdate(update: PlannedUpdate, planned: boolean): string {
  const who = update.user.email;
  const fields = profileFields(update);
  const changed = fields.length ? ` (changed ${fields.join(', ')})` : '';
  const previousUid = update.changes.ldapUid !== undefined ? update.user.ldapUid : null;
  if (previousUid && !update.enable) {
    const others = fields.filter((field) => field !== 'ldapUid');
    const also = others.length ? ` (changed ${others.join(', ')})` : '';
    return `${planned ? 'would update' : 'updated'} ${who}: ${describeStableIdChange(update.dn, previousUid, update.changes.ldapUid!)}${also}`;
  }
  if (update.enable) {
    const why =
      update.user.disabledBy === 'directory' ? 'the directory account is enabled again' : 'back in the directory';
    return `${planned ? 'would re-enable' : 're-enabled'} ${who}: ${why} at ${update.dn}${changed}`;
  }
  if (update.disable)
    return `${planned ? 'would disable' : 'disabled'} ${who}: the directory account ${update.dn} is ${update.directoryState}${planned ? '' : '; sessions ended'}${changed}`;
  if (update.changes.disabledBy === 'directory' && fields.length === 0)
    return `${planned ? 'would keep' : 'kept'} ${who} disabled: back in the directory at ${update.dn}, where the account is ${update.directoryState}`;
  return `${planned ? 'would update' : 'updated'} ${who}: ${fields.join(', ')}`;
}

function updateDetails(update: PlannedUpdate): Record<string, unknown> {
  const details: Record<string, unknown> = {
    dn: update.dn,
    userId: update.user.id,
    fields: profileFields(update),
  };
  if (update.directoryState) details.directoryState = update.directoryState;
  if (update.changes.disabledBy) details.disabledBy = update.changes.disabledBy;
  if (update.changes.ldapDn !== undefined) details.previousDn = update.user.ldapDn;
  if (update.changes.ldapUid !== undefined) details.previousStableId = update.user.ldapUid;
  return details;
}
