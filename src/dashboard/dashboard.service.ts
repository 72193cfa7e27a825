import { Injectable } from '@nestjs/common';
import { nextRunTimes } from '../common/cron-schedule.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import type { SyncSettings } from '../ldap/settings/ldap-settings.types.js';
import { LogAggregatesService } from '../logs/log-aggregates.service.js';
import type { SyncRunView } from '../sync/dto/sync-run.view.js';
import { SyncService } from '../sync/sync.service.js';
import { UsersRepository } from '../users/users.repository.js';
import type { DashboardUsersView, DashboardView, RunPointView } from './dashboard.views.js';

/** Finished runs shown in the durations chart. */
export const DASHBOARD_RUNS = 20;

/** The admin dashboard, from the settings, the LDAP log's aggregates, the run records and user counts. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly aggregates: LogAggregatesService,
    private readonly settings: LdapSettingsService,
    private readonly sync: SyncService,
    private readonly users: UsersRepository,
  ) {}

  async view(now = new Date()): Promise<DashboardView> {
    const settings = await this.settings.get();
    const [lastTest, lastRun, recent, signIns, users] = await Promise.all([
      this.aggregates.lastConnectionTest(),
      this.sync.latest(),
      this.sync.recentFinished(DASHBOARD_RUNS),
      this.aggregates.signInsPerHour(now),
      this.userCounts(),
    ]);
    return {
      directory: {
        enabled: settings.enabled,
        host: settings.host || null,
        port: settings.host ? settings.port : null,
        srvDomain: settings.srvDomain,
        backupServers: settings.backupServers.length,
        lastTest,
      },
      sync: {
        enabled: settings.sync.enabled,
        schedule: settings.sync.schedule,
        nextRunAt: nextRunAt(settings.enabled, settings.sync),
        lastRun,
      },
      signIns,
      runs: recent.map(toRunPoint),
      users,
    };
  }

  private async userCounts(): Promise<DashboardUsersView> {
    const counts: DashboardUsersView = {
      total: 0,
      bySource: { local: 0, ldap: 0, sso: 0 },
      byStatus: { active: 0, disabled: 0 },
      disabledBy: { directory: 0, sync: 0, admin: 0 },
    };
    for (const row of await this.users.countBySourceAndStatus()) {
      counts.total += row.count;
      if (row.authSource in counts.bySource)
        counts.bySource[row.authSource as keyof DashboardUsersView['bySource']] += row.count;
      if (row.status in counts.byStatus)
        counts.byStatus[row.status as keyof DashboardUsersView['byStatus']] += row.count;
      if (row.status === 'disabled')
        counts.disabledBy[(row.disabledBy ?? 'admin') as keyof DashboardUsersView['disabledBy']] += row.count;
    }
    return counts;
  }
}

/** When the schedule fires next, while LDAP and the scheduled sync are on (the settings' own reading of cron). */
export function nextRunAt(ldapEnabled: boolean, sync: Pick<SyncSettings, 'enabled' | 'schedule'>): Date | null {
  const [next] = ldapEnabled && sync.enabled ? nextRunTimes(sync.schedule, 1) : [];
  return next ? new Date(next) : null;
}

function toRunPoint(run: SyncRunView): RunPointView {
  const seen = run.counters.seen;
  return {
    id: run.id,
    status: run.status,
    mode: run.mode,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    seen,
    usersPerSecond: run.durationMs > 0 ? Math.round((seen * 1000 * 10) / run.durationMs) / 10 : 0,
  };
}
