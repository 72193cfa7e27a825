import { DataSource } from 'typeorm';

import { LEASE_MS, LOCK_NAME, type HeldLock, SyncLockRepository } from '../../src/sync/sync-lock.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

describe.each(testDatabases())('the sync lease row on $name', (db) => {
  // two instances of the application on one database
  let a: TestApp;
  let b: TestApp;
  const lockOf = (t: TestApp) => t.app.get(SyncLockRepository);
  const row = async () =>
    (
      (await a.app
        .get(DataSource)
        .query('SELECT holder, run_id, expires_at FROM sync_locks WHERE name = ?', [LOCK_NAME])) as {
        holder: string;
        run_id: string;
        expires_at: number | string;
      }[]
    )[0];
  const expireLease = () =>
    a.app.get(DataSource).query('UPDATE sync_locks SET expires_at = ? WHERE name = ?', [Date.now() - 1, LOCK_NAME]);
  const take = async (t: TestApp, runId: string): Promise<HeldLock> => {
    const attempt = await lockOf(t).acquire(runId);
    if (!attempt.acquired) throw new Error(`${runId} did not get the lock (held by ${attempt.runId})`);
    return attempt.lock;
  };

  beforeAll(async () => {
    const url = await db.url();
    a = await startTestApp(url);
    b = await startTestApp(url, { appKey: a.config.appKey });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('is held by one instance at a time; the other is told which run holds it', async () => {
    const lock = await take(a, 'run-a');
    expect(await lockOf(b).acquire('run-b')).toEqual({ acquired: false, runId: 'run-a' });
    expect(await lockOf(a).acquire('run-a2')).toEqual({ acquired: false, runId: 'run-a' });
    await lock.release();
    const next = await take(b, 'run-b');
    await next.release();
    expect(await row()).toBeUndefined();
  });

  it('renews its lease while the holder lives', async () => {
    const lock = await take(a, 'run-a');
    const first = Number((await row()).expires_at);
    expect(first).toBeGreaterThan(Date.now() + LEASE_MS / 2);
    await a.app
      .get(DataSource)
      .query('UPDATE sync_locks SET expires_at = ? WHERE name = ?', [Date.now() + 1000, LOCK_NAME]);
    expect(await lock.heartbeat()).toBe(true);
    expect(Number((await row()).expires_at)).toBeGreaterThan(Date.now() + LEASE_MS / 2);
    await lock.release();
  });

  it('passes to another instance once the holder stops renewing; the old holder learns it lost it and frees nothing', async () => {
    const stale = await take(a, 'run-a');
    await expireLease(); // a crashed (or hung) holder: nobody renews
    const taken = await take(b, 'run-b');
    expect(await stale.heartbeat()).toBe(false);
    await stale.release();
    expect(await row()).toMatchObject({ run_id: 'run-b' });
    expect(await lockOf(a).acquire('run-a3')).toEqual({ acquired: false, runId: 'run-b' });
    await taken.release();
  });

  it('of many instances racing for a free lock, exactly one gets it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) => lockOf(i % 2 ? a : b).acquire(`race-${round}-${i}`)),
      );
      const winners = attempts.filter((attempt) => attempt.acquired);
      expect(winners).toHaveLength(1);
      const holder = (await row()).run_id;
      for (const attempt of attempts) if (!attempt.acquired) expect(attempt.runId).toBe(holder);
      if (winners[0].acquired) await winners[0].lock.release();
    }
  });
});
