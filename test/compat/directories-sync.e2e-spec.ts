import { serverTag } from '../../src/sync/run/high-water-mark.js';
import { SyncRunsRepository } from '../../src/sync/sync-runs.repository.js';
import { replaceRecord } from '../directories/ldif.js';
import { sessionCookie } from '../support/app.js';
import { CompatApp } from './compat-app.js';
import { CompatServer, DIRECTORY_TARGETS, DirectoryTarget, START_TIMEOUT_MS } from './directory-targets.js';

/**
 * Import and sync on the three real directories: paging past each server's limit, deltas on the
 * server's own change marker (AD uSNChanged, modifyTimestamp elsewhere), deletions found by the
 * full run only.
 */
describe.each(DIRECTORY_TARGETS)('$name: import and sync', (target: DirectoryTarget) => {
  let server: CompatServer;
  let app: CompatApp;
  const { bob, tempUser, paging } = target;

  beforeAll(async () => {
    server = await target.start();
    app = await CompatApp.start(target, server);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it(`imports all ${paging.seen} users of ${paging.scopeDn}, paging past the server's limit`, async () => {
    await paging.prepare(server);
    await app.configure({
      searchScopes: [{ dn: paging.scopeDn, filter: app.preset.userFilter }],
      pageSize: paging.pageSize,
    });
    const run = await app.sync({ full: true });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'full', error: null });
    expect(run.counters).toMatchObject({ seen: paging.seen, failed: 0 });
    expect(run.progress.pages).toBeGreaterThanOrEqual(paging.minPages);
    expect(run.counters.created + run.counters.skipped).toBe(paging.seen);
  });

  it('a delta picks up an added and a changed user; only a full run disables a deleted one', async () => {
    await app.configure({ sync: { deprovision: 'disable', maxDisablePercent: 100 } });
    expect((await app.sync({ full: true })).status).toBe('succeeded');
    await server.ldapAdd(tempUser.ldif);
    await server.ldapModify(replaceRecord(bob.dn, 'sn', ['Brown-Smith']));
    try {
      const delta = await app.sync();
      expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
      expect(delta.counters).toMatchObject({ created: 1, updated: 1, disabled: 0, failed: 0 });
      const users = await app.users();
      expect(users.get(tempUser.email)?.status).toBe('active');
      expect(users.get(bob.email)?.lastName).toBe('Brown-Smith');

      await server.ldapDelete(tempUser.dn);
      expect((await app.sync()).counters).toMatchObject({ disabled: 0, failed: 0 });
      const full = await app.sync({ full: true });
      expect(full).toMatchObject({ status: 'succeeded', mode: 'full' });
      expect(full.counters).toMatchObject({ disabled: 1, failed: 0 });
      expect((await app.users()).get(tempUser.email)?.status).toBe('disabled');
    } finally {
      await server.ldapModify(replaceRecord(bob.dn, 'sn', [bob.lastName]));
    }
  });

  it('a delta starts from a per-server counter (AD uSNChanged) only on the server that counted it', async () => {
    await app.configure({ sync: { deprovision: 'none', maxDisablePercent: 100 } });
    const full = await app.sync({ full: true });
    const runs = app.t.app.get(SyncRunsRepository);
    const stored = (await runs.get(full.id))?.highWaterMark ?? '';
    if (target.preset !== 'active-directory') {
      // a time every replica shares: no server in the mark, and a delta follows on any server
      expect(stored).toMatch(/^modifyTimestamp:\d{14}Z$/);
      expect(await app.sync()).toMatchObject({ status: 'succeeded', mode: 'delta' });
      return;
    }
    expect(stored).toBe(`${stored.split('@')[0]}@${serverTag(`127.0.0.1:${server.port}`)}`);
    expect(stored).toMatch(/^uSNChanged:\d+@[0-9a-f]{8}$/);
    expect(await app.sync()).toMatchObject({ status: 'succeeded', mode: 'delta' });
    // as if the last run had read the count of another domain controller before a failover
    const last = await runs.lastSucceeded(['full', 'delta']);
    const otherDc = `${last!.highWaterMark!.split('@')[0]}@${serverTag('dc2.example.test:389')}`;
    await runs.update(last!.id, { highWaterMark: otherDc });
    const after = await app.sync();
    expect(after).toMatchObject({ status: 'succeeded', mode: 'full' });
    expect(after.warnings.join(' ')).toMatch(/read from another server .* a full pass instead/);
    expect(await app.sync()).toMatchObject({ status: 'succeeded', mode: 'delta' });
  });

  it('mirrors the directory account state: disabled there is disabled here (directory), sessions end, back on is back', async () => {
    const { off, on, bobOff, bobOn } = target.accountState;
    await app.configure({ sync: { deprovision: 'disable', maxDisablePercent: 100 } });
    expect((await app.sync({ full: true })).status).toBe('succeeded');
    const users = await app.users();
    for (const email of off)
      expect([email, users.get(email)?.status, users.get(email)?.disabledBy]).toEqual([email, 'disabled', 'directory']);
    for (const email of on) expect([email, users.get(email)?.status]).toEqual([email, 'active']);

    const session = sessionCookie((await app.login(app.firstLogin(bob), bob.password)).headers['set-cookie']);
    const me = () => app.t.http().get('/api/auth/me').set('Cookie', session);
    expect((await me()).status).toBe(200);
    await server.ldapModify(bobOff);
    try {
      const run = await app.sync({ full: true });
      expect(run.counters).toMatchObject({ disabled: 1, enabled: 0, failed: 0 });
      expect((await app.users()).get(bob.email)).toMatchObject({ status: 'disabled', disabledBy: 'directory' });
      expect((await me()).status).toBe(401);
    } finally {
      await server.ldapModify(bobOn);
    }
    const back = await app.sync({ full: true });
    expect(back.counters).toMatchObject({ enabled: 1, disabled: 0, failed: 0 });
    expect((await app.users()).get(bob.email)).toMatchObject({ status: 'active', disabledBy: null });
    expect((await app.login(app.firstLogin(bob), bob.password)).status).toBe(200);
  });
});
