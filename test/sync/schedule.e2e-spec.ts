import { SchedulerRegistry } from '@nestjs/schedule';

import { SYNC_JOB, SyncScheduler } from '../../src/sync/sync.scheduler.js';
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

  const runs = async (): Promise<RunView[]> => (await c.t.http().get('/api/admin/ldap/runs?pageSize=100').set('Cookie', c.cookie)).body.items;
  const until = async (check: (items: RunView[]) => boolean): Promise<RunView[]> => {
    for (const deadline = Date.now() + 15_000; ; ) {
      const items = await runs();
      if (check(items)) return items;
      if (Date.now() > deadline) throw new Error(`runs never matched: ${JSON.stringify(items)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('follows the settings: runs on the cron expression, full first then deltas, and stops when switched off', async () => {
    await c.configure(server, { sync: { enabled: true, schedule: '* * * * * *' } });
    await scheduler.refresh();
    expect(scheduler.scheduled()).toBe('* * * * * *');
    const items = await until((list) => list.filter((r) => r.trigger === 'schedule' && r.status === 'succeeded').length >= 2);
    const scheduled = items.filter((r) => r.trigger === 'schedule' && r.status === 'succeeded').reverse();
    expect(scheduled.map((r) => r.mode).slice(0, 2)).toEqual(['full', 'delta']);
    expect(scheduled[0].counters.created).toBe(10);

    await c.configure(server, { sync: { enabled: false } });
    await scheduler.refresh();
    expect(scheduler.scheduled()).toBeNull();
    expect(c.t.app.get(SchedulerRegistry).doesExist('cron', SYNC_JOB)).toBe(false);
    const settled = (await until((list) => list.every((r) => r.status !== 'running'))).length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await runs()).toHaveLength(settled);
  }, 30_000);

  it('an expression cron cannot parse turns scheduled runs off and says so in the LDAP log', async () => {
    await c.configure(server, { sync: { enabled: true, schedule: '61 * * * *' } });
    await scheduler.refresh();
    expect(scheduler.scheduled()).toBeNull();
    expect(await c.logs('event=sync.schedule.invalid')).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('61 * * * *') })]);
  });
});
