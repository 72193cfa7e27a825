import { ApiProperty } from '@nestjs/swagger';

import { DateTime, NullableString } from '../common/api-property.js';
import { RUN_MODES, RUN_STATUSES, SyncRunView } from '../sync/dto/sync-run.view.js';
import type { RunMode, RunStatus } from '../sync/run/run-types.js';

/** The newest "Test connection". */
export class ConnectionTestView {
  @DateTime() at: Date;
  @ApiProperty() ok: boolean;
  @NullableString({ description: 'resolve, connect, tls, bind or search' }) failedStep: string | null;
  @NullableString() message: string | null;
}

/** Is a directory configured, where, and did it answer the last test? Addresses only: no bind identity, no secret. */
export class DashboardDirectoryView {
  @ApiProperty() enabled: boolean;
  @NullableString({ description: 'the main server; null when none is set' }) host: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "the main server's port; null when no host is set" })
  port: number | null;
  @NullableString({ description: 'servers found from the DNS SRV records of this domain; null: off' })
  srvDomain: string | null;
  @ApiProperty({ description: 'backup servers, tried in order when the main one does not answer' })
  backupServers: number;
  @ApiProperty({ type: ConnectionTestView, nullable: true }) lastTest: ConnectionTestView | null;
}

/** The schedule and the last run. */
export class DashboardSyncView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: '0 * * * *' }) schedule: string;
  @DateTime({ nullable: true, description: 'null when the schedule is off or the expression invalid' })
  nextRunAt: Date | null;
  @ApiProperty({ type: SyncRunView, nullable: true, description: 'the newest run, a running one included' })
  lastRun: SyncRunView | null;
}

/** Sign-in attempts in one hour, by outcome. */
export class SignInHourView {
  @DateTime({ description: 'start of the hour (UTC)' }) hour: Date;
  @ApiProperty() succeeded: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'throttled, or refused because the account is disabled or locked' }) blocked: number;
}

/** The last 24 hours of sign-ins: 24 hourly buckets, oldest first. */
export class SignInsView {
  @DateTime() from: Date;
  @DateTime() to: Date;
  @ApiProperty({ type: [SignInHourView] }) hours: SignInHourView[];
}

/** A finished run, for the durations chart. */
export class RunPointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_STATUSES, enumName: 'RunStatus' }) status: RunStatus;
  @ApiProperty({ enum: RUN_MODES, enumName: 'RunMode' }) mode: RunMode;
  @DateTime() startedAt: Date;
  @ApiProperty() durationMs: number;
  @ApiProperty({ description: 'directory entries seen' }) seen: number;
  @ApiProperty({ description: 'seen per second of the run' }) usersPerSecond: number;
}

/** Users per sign-in source. */
export class UsersBySourceView {
  @ApiProperty() local: number;
  @ApiProperty() ldap: number;
  @ApiProperty() sso: number;
}

/** Users per status. */
export class UsersByStatusView {
  @ApiProperty() active: number;
  @ApiProperty() disabled: number;
}

/** Disabled users per reason (see the users API's disabledBy). */
export class UsersDisabledByView {
  @ApiProperty({ description: 'the directory account is disabled, expired or locked by its administrator' })
  directory: number;
  @ApiProperty({ description: 'an import no longer found the entry' }) sync: number;
  @ApiProperty({ description: 'a help desk admin' }) admin: number;
}

/** How many users, by source and status, and why the disabled ones are. */
export class DashboardUsersView {
  @ApiProperty() total: number;
  @ApiProperty({ type: UsersBySourceView }) bySource: UsersBySourceView;
  @ApiProperty({ type: UsersByStatusView }) byStatus: UsersByStatusView;
  @ApiProperty({ type: UsersDisabledByView }) disabledBy: UsersDisabledByView;
}

/** The admin dashboard: aggregates only. */
export class DashboardView {
  @ApiProperty({ type: DashboardDirectoryView }) directory: DashboardDirectoryView;
  @ApiProperty({ type: DashboardSyncView }) sync: DashboardSyncView;
  @ApiProperty({ type: SignInsView }) signIns: SignInsView;
  @ApiProperty({ type: [RunPointView], description: 'the last 20 finished runs, oldest first' }) runs: RunPointView[];
  @ApiProperty({ type: DashboardUsersView }) users: DashboardUsersView;
}
