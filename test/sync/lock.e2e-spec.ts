import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { SyncRunEntity } from '../../src/sync/entities/sync-run.entity.js';
import { LOCK_NAME } from '../../src/sync/sync-lock.repository.js';
import { generateUsersLdif } from '../directories/generate.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { PERSON_FILTER, SyncClient } from './support/sync-harness.js';

let server: OpenLdapServer;
let scopes: { dn: string; filter: string }[];

// enough users that a run is still going when the second trigger arrives
beforeAll(async () => {
  const generated = await generateUsersLdif(2_000, { groups: 2 });
  server = await startOpenLdap({ tls: 'none', seed: false, bulkLdif: generated.path });
  scopes = [{ dn: generated.containerDn, filter: PERSON_FILTER }];
});
afterAll(() => server?.stop());

describe.each(testDatabases())('one sync at a time on $name', (db) => {
  let url: string;
  let a: SyncClient;
  let b: SyncClient;

  beforeAll(async () => {
    url = await db.url();
    a = await SyncClient.start(url);
    await a.configure(server, { searchScopes: scopes });
    // a second instance of the application on the same database, with the same APP_KEY
    b = await SyncClient.start(url, { appKey: a.t.config.appKey });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  /** A run record left "running" by an instance that died. */
  const orphanRun = async (): Promise<string> => {
    const id = randomUUID();
    await a.t.app.get(DataSource).getRepository(SyncRunEntity).insert({
      id,
      status: 'running',
      mode: 'full',
      trigger: 'schedule',
      counters: '{}',
      progress: null,
      plan: null,
      highWaterMark: null,
      error: null,
      startedBy: null,
      startedAt: new Date(),
      finishedAt: null,
    });
    return id;
  };

  it('two triggers at once, on one instance and on two: one runs, the others get 409 with its runId', async () => {
    const responses = await Promise.all([a.trigger(), a.trigger(), b.trigger()]);
    const accepted = responses.filter((r) => r.status === 202);
    const refused = responses.filter((r) => r.status === 409);
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(2);
    const runId = accepted[0].body.runId;
    for (const res of refused)
      expect(res.body).toMatchObject({
        statusCode: 409,
        runId,
        message: expect.stringContaining(runId),
        code: 'SYNC_ALREADY_RUNNING',
        error: 'Conflict',
      });
    expect((await a.finished(runId)).status).toBe('succeeded');
    const next = await b.trigger();
    expect(next.status).toBe(202);
    expect((await b.finished(next.body.runId)).status).toBe('succeeded');
  });

  it('a crashed holder does not block for ever: its lock frees itself and its run is marked failed', async () => {
    const orphan = await orphanRun();
    const release = await holdLockAsCrashedInstance(orphan);
    const refused = await a.trigger();
    expect(refused.status).toBe(409);
    expect(refused.body.runId).toBe(orphan);
    await release();
    const run = await a.sync();
    expect(run.status).toBe('succeeded');
    expect(await a.run(orphan)).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
  });

  /** Takes the lock the way another instance would; returns what its crash does to the lock (its lease runs out). */
  async function holdLockAsCrashedInstance(runId: string): Promise<() => Promise<void>> {
    const ds = a.t.app.get(DataSource);
    await ds.query('INSERT INTO sync_locks (name, holder, run_id, expires_at) VALUES (?, ?, ?, ?)', [
      LOCK_NAME,
      'crashed-instance',
      runId,
      Date.now() + 60_000,
    ]);
    // the crashed holder renews no more: its lease runs out
    return async () =>
      void (await ds.query('UPDATE sync_locks SET expires_at = ? WHERE name = ?', [Date.now() - 1, LOCK_NAME]));
  }
});
