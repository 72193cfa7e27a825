import { SchedulerRegistry } from '@nestjs/schedule';

import { LdapSettingsRepository } from '../../src/ldap/settings/ldap-settings.repository.js';
import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import { SETTINGS_TICK_MS, SYNC_JOB, SyncScheduler } from '../../src/sync/sync.scheduler.js';
import { eventually } from '../ldap/support/client-harness.js';
import { startTestApp } from '../support/app.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { type RunView, SyncClient } from './support/sync-harness.js';

describe.each(testDatabases())('scheduled sync on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  let scheduler: SyncScheduler;

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap({ tls: 'none' }), db.url().then((url) => SyncClient.start(url))]);
    scheduler = c.t.app.get(SyncScheduler);
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const runs = async (): Promise<RunView[]> =>
    (await c.t.http().get('/api/admin/ldap/runs?pageSize=100').set('Cookie', c.cookie)).body.items;
  const until = async (check: (items: RunView[]) => boolean): Promise<RunView[]> => {
    for (const deadline = Date.now() + 15_000; ;) {
      const items = await runs();
      if (check(items)) return items;
      if (Date.now() > deadline) throw new Error(`runs never matched: ${JSON.stringify(items)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('follows the settings: runs on the cron expression, full first then deltas, and stops when switched off', async () => {
    // No refresh() by hand: the save itself reschedules, before the PUT answers.
    await c.configure(server, { sync: { enabled: true, schedule: '* * * * * *' } });
    expect(scheduler.scheduled()).toBe('* * * * * *');
    const items = await until(
      (list) => list.filter((r) => r.trigger === 'schedule' && r.status === 'succeeded').length >= 2,
    );
    const scheduled = items.filter((r) => r.trigger === 'schedule' && r.status === 'succeeded').reverse();
    expect(scheduled.map((r) => r.mode).slice(0, 2)).toEqual(['full', 'delta']);
    expect(scheduled[0].counters.created).toBe(10);

    await c.configure(server, { sync: { enabled: false } });
    expect(scheduler.scheduled()).toBeNull();
    expect(c.t.app.get(SchedulerRegistry).doesExist('cron', SYNC_JOB)).toBe(false);
    const settled = (await until((list) => list.every((r) => r.status !== 'running'))).length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await runs()).toHaveLength(settled);
  }, 30_000);

  it('another instance on the same database follows a save within seconds, and the CLI switch reaches both', async () => {
    const other = await startTestApp(c.t.config.databaseUrl, { appKey: c.t.config.appKey });
    try {
      const otherScheduler = other.app.get(SyncScheduler);
      expect(otherScheduler.scheduled()).toBeNull();
      const saved = Date.now();
      await c.configure(server, { sync: { enabled: true, schedule: '0 4 * * *' } });
      expect(scheduler.scheduled()).toBe('0 4 * * *');
      await eventually(
        async () => otherScheduler.scheduled(),
        (expression) => expression === '0 4 * * *',
        SETTINGS_TICK_MS + 3_000,
      );
      expect(Date.now() - saved).toBeLessThan(SETTINGS_TICK_MS + 3_000);

      // The break-glass switch (the CLI's path) is a save too.
      await other.app.get(LdapSettingsService).setEnabled(false, 'test');
      expect(otherScheduler.scheduled()).toBeNull();
      await eventually(
        async () => scheduler.scheduled(),
        (expression) => expression === null,
        SETTINGS_TICK_MS + 3_000,
      );
    } finally {
      await other.close();
    }
  }, 30_000);

  it('an expression cron cannot run is a field error on save; GET shows the next three runs of a valid one', async () => {
    await c.configure(server, { sync: { enabled: true, schedule: '0 3 * * *' } });
    const put = (schedule: string) =>
      c.t.http().put('/api/admin/ldap/settings').set('Cookie', c.cookie).send({ sync: { schedule } });
    for (const [schedule, reason] of [
      ['61 * * * *', /out of range/],
      ['0 * * *', /Too few fields/],
      ['0 0 31 2 *', /never comes round/],
      ['every hour', /not a valid cron expression/],
    ] as const) {
      const res = await put(schedule);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([expect.stringMatching(/^sync\.schedule must be a cron expression/)]);
      expect(res.body.message[0]).toMatch(reason);
    }
    const view = (await c.t.http().get('/api/admin/ldap/settings').set('Cookie', c.cookie)).body;
    expect(view.sync.schedule).toBe('0 3 * * *');
    expect(view.sync.nextRuns).toHaveLength(3);
    const times = (view.sync.nextRuns as string[]).map((run) => new Date(run));
    for (const time of times) expect(time.getHours()).toBe(3); // server time zone, as cron reads the expression
    expect(times[0].getTime()).toBeGreaterThan(Date.now());
    expect(times[1].getTime() - times[0].getTime()).toBe(86_400_000);

    await c.configure(server, { sync: { enabled: false } });
    expect((await c.t.http().get('/api/admin/ldap/settings').set('Cookie', c.cookie)).body.sync.nextRuns).toEqual([]);
  });

  it('a stored expression cron cannot parse (saved before it was checked) turns scheduled runs off and says so in the LDAP log', async () => {
    await c.configure(server, { sync: { enabled: true, schedule: '0 5 * * *' } });
    expect(scheduler.scheduled()).toBe('0 5 * * *');
    const repository = c.t.app.get(LdapSettingsRepository);
    const stored = await repository.get();
    if (!stored) throw new Error('no settings stored');
    const data = { ...stored.data, sync: { ...(stored.data.sync as object), enabled: true, schedule: '61 * * * *' } };
    await repository.save({ data, bindPasswordEnc: stored.bindPasswordEnc, updatedBy: 'test' }, stored.version);
    // Written behind the service's back, as another instance would: the version tick finds it.
    await eventually(
      async () => scheduler.scheduled(),
      (expression) => expression === null,
      SETTINGS_TICK_MS + 3_000,
    );
    expect(await c.logs('event=sync.schedule.invalid')).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringContaining('61 * * * *') }),
    ]);
  });
});
