import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { DateTime, NullableString } from '../../common/api-property.js';
import { DomainErrorView } from '../../common/api-error.view.js';
import type {
  PendingDisable,
  PlannedAction,
  PlannedChange,
  RunMode,
  RunStatus,
  RunTrigger,
  SyncCounters,
  SyncProgress,
} from '../run/run-types.js';

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'needs_confirmation'] as const;
export const RUN_MODES = ['full', 'delta', 'dry-run'] as const;
export const RUN_TRIGGERS = ['cli', 'api', 'schedule'] as const;
export const PLANNED_ACTIONS = [
  'create',
  'update',
  'enable',
  'disable',
  'skip',
  'mailbox-add',
  'mailbox-remove',
] as const;

/** How far a run got through the directory. */
export class SyncProgressView implements SyncProgress {
  @ApiProperty() pages: number;
  @ApiProperty() entries: number;
}

/** What a run did (or, dry run, would do), by kind. */
export class SyncCountersView implements SyncCounters {
  @ApiProperty() seen: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() disabled: number;
  @ApiProperty() enabled: number;
  @ApiProperty() skipped: number;
  @ApiProperty() failed: number;
  @ApiProperty() mailboxAdds: number;
  @ApiProperty() mailboxRemoves: number;
}

/** One change a run made or would make: a sample row of the plan. */
export class PlannedChangeView implements PlannedChange {
  @ApiProperty({ enum: PLANNED_ACTIONS, enumName: 'PlannedAction' }) action: PlannedAction;
  @NullableString() dn: string | null;
  @NullableString() email: string | null;
  @ApiPropertyOptional({ type: [String], description: 'update: the fields that change' }) fields?: string[];
  @ApiPropertyOptional({ description: 'mailbox-add, mailbox-remove: the mailbox' }) mailbox?: string;
  @ApiPropertyOptional({ description: 'skip: why, e.g. "no email attribute", "duplicate email"' }) reason?: string;
}

/** A user a run would disable, waiting for confirmation. */
export class PendingDisableView implements PendingDisable {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @NullableString() dn: string | null;
}

/** A sync run: live while running, then as recorded. */
export class SyncRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_STATUSES, enumName: 'RunStatus' }) status: RunStatus;
  @ApiProperty({ enum: RUN_MODES, enumName: 'RunMode' }) mode: RunMode;
  @ApiProperty({ enum: RUN_TRIGGERS, enumName: 'RunTrigger' }) trigger: RunTrigger;
  @ApiProperty({ type: SyncProgressView }) progress: SyncProgressView;
  @ApiProperty({ type: SyncCountersView }) counters: SyncCountersView;
  @ApiProperty({ description: 'so far, while running' }) durationMs: number;
  @DateTime() startedAt: Date;
  @DateTime({ nullable: true }) finishedAt: Date | null;
  @NullableString({ description: "an admin's email, cli, or null for the schedule" }) startedBy: string | null;
  @NullableString() error: string | null;
  @ApiProperty({ type: [PlannedChangeView], description: 'up to 10 rows per action' }) sample: PlannedChangeView[];
  @ApiProperty({
    type: [PendingDisableView],
    description:
      'the users held at the deprovision brake, waiting for a run with force (up to 1,000): a needs_confirmation run, or a failed one whose pass tripped the brake before it failed; a dry run: those a real run would hold',
  })
  pendingDisable: PendingDisableView[];
  @ApiProperty({ description: 'how many users were held in all (pendingDisable lists the first 1,000)' })
  pendingDisableTotal: number;
  @ApiProperty({ type: [String] }) warnings: string[];
}

/** One page of runs, newest first. */
export class SyncRunsPage {
  @ApiProperty({ type: [SyncRunView] }) items: SyncRunView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** An import was started. */
export class ImportStartedView {
  @ApiProperty({ format: 'uuid' }) runId: string;
}

/** The 409 of an import while another run holds the lock: that run, to poll instead. */
export class SyncAlreadyRunningView extends DomainErrorView {
  @ApiProperty({ example: 409 })
  declare statusCode: number;

  @ApiProperty({ example: 'SYNC_ALREADY_RUNNING' })
  declare code: string;

  @ApiProperty({ example: 'a directory sync is already running (run 0b5c3c1e-7a51-4c38-9d43-1f7f0c2f8a4e)' })
  declare message: string;

  @ApiProperty({ example: 'Conflict' })
  declare error: string;

  @NullableString({
    format: 'uuid',
    description: 'the run holding the lock; null when its lock is held but its id could not be read',
  })
  runId: string | null;
}
