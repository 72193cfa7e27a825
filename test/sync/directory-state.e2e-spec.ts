import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sessionCookie } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { SyncClient } from './support/sync-harness.js';

/**
 * Issue 12, fault 5: the import mirrors the directory's account state (here OpenLDAP's
 * administrative ppolicy lock) into the user's status, ends the sessions of users it disables,
 * and re-enables only the users it disabled itself.
 */
describe.each(testDatabases())('directory account state mirrored on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('state');
  const [ann, bea, lou, cat] = ['ann', 'bea', 'lou', 'cat'].map((uid) => personLdif(ou.dn, uid));

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, ann, bea, lou, cat]));
    await server.setLocked(lou.dn, true);
    // one user of four turned off is 25 %: above the default brake, which brake.e2e-spec is about
    await c.configure(server, {
      searchScopes: [{ dn: ou.dn, filter: '(objectClass=inetOrgPerson)' }],
      sync: { deprovision: 'disable', maxDisablePercent: 50, fullSyncEveryHours: 24 },
    });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const signIn = (login: string) => c.t.http().post('/api/auth/login').send({ login, password: DEFAULT_PASSWORD });
  const me = (cookie: string) => c.t.http().get('/api/auth/me').set('Cookie', cookie);
  const state = async (email: string) => {
    const user = (await c.directoryUsers()).get(email);
    return user && { status: user.status, disabledBy: user.disabledBy };
  };

  it('creates a locked entry disabled (directory), disables a user the directory locks and ends their sessions', async () => {
    const first = await c.sync({ full: true });
    expect(first.counters).toMatchObject({ seen: 4, created: 4, disabled: 0, failed: 0 });
    expect(await state('lou@example.test')).toEqual({ status: 'disabled', disabledBy: 'directory' });
    expect(await state('ann@example.test')).toEqual({ status: 'active', disabledBy: null });
    const created = await c.logs(`runId=${first.id}&event=sync.user.created`);
    expect(created.find((l) => l.message.includes('lou@'))?.message).toContain(
      '(disabled: the directory account is locked)',
    );

    const annSession = sessionCookie((await signIn('ann')).headers['set-cookie']);
    expect((await me(annSession)).status).toBe(200);
    await server.setLocked(ann.dn, true);

    // a dry run takes the same path and decides the same, writing nothing
    const dry = await c.sync({ dryRun: true });
    expect(dry.counters).toMatchObject({ disabled: 1, updated: 1 });
    expect(dry.sample).toContainEqual(
      expect.objectContaining({
        action: 'disable',
        email: 'ann@example.test',
        reason: 'the directory account is locked',
      }),
    );
    expect(await state('ann@example.test')).toEqual({ status: 'active', disabledBy: null });
    expect((await me(annSession)).status).toBe(200);

    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ disabled: 1, updated: 1, enabled: 0, unchanged: 3, failed: 0 });
    expect(await state('ann@example.test')).toEqual({ status: 'disabled', disabledBy: 'directory' });
    expect((await me(annSession)).status).toBe(401);
    const [line] = await c.logs(`runId=${run.id}&event=sync.user.disabled`);
    expect(line.message).toBe(`disabled ann@example.test: the directory account ${ann.dn} is locked; sessions ended`);

    // nothing changed in the directory: nothing to write
    expect((await c.sync({ full: true })).counters).toMatchObject({ updated: 0, disabled: 0, unchanged: 4 });
  });

  it('re-enables only the users it disabled itself when the directory enables them again', async () => {
    const users = await c.directoryUsers();
    const bea = users.get('bea@example.test')!;
    const patched = await c.t
      .http()
      .patch(`/api/admin/users/${bea.id}`)
      .set('Cookie', c.cookie)
      .send({ status: 'disabled' });
    expect(patched.body).toMatchObject({ status: 'disabled', disabledBy: 'admin' });

    await server.setLocked(ann.dn, false);
    await server.setLocked(lou.dn, false);
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ enabled: 2, updated: 2, disabled: 0, unchanged: 2 });
    expect(await state('ann@example.test')).toEqual({ status: 'active', disabledBy: null });
    expect(await state('lou@example.test')).toEqual({ status: 'active', disabledBy: null });
    // an admin's decision stands
    expect(await state('bea@example.test')).toEqual({ status: 'disabled', disabledBy: 'admin' });
    const enabled = await c.logs(`runId=${run.id}&event=sync.user.enabled`);
    expect(enabled.map((l) => l.message).sort()[0]).toMatch(
      /^re-enabled ann@example.test: the directory account is enabled again/,
    );
  });

  it('sign-in agrees: an unlocked user the directory had disabled signs in before any import', async () => {
    await server.setLocked(cat.dn, true);
    expect((await c.sync({ full: true })).counters).toMatchObject({ disabled: 1 });
    expect((await signIn('cat')).status).toBe(401);
    await server.setLocked(cat.dn, false);
    expect((await signIn('cat')).status).toBe(200);
    expect(await state('cat@example.test')).toEqual({ status: 'active', disabledBy: null });
  });

  it('a user gone from the directory is disabled by sync; back but locked, the directory owns the decision', async () => {
    await server.ldapDelete(cat.dn);
    const gone = await c.sync({ full: true, force: true });
    expect(gone.counters).toMatchObject({ disabled: 1 });
    expect(await state('cat@example.test')).toEqual({ status: 'disabled', disabledBy: 'sync' });
    await server.ldapAdd(cat.ldif);
    await server.setLocked(cat.dn, true);
    const back = await c.sync({ full: true });
    expect(back.counters).toMatchObject({ enabled: 0, disabled: 0, updated: 1 });
    expect(await state('cat@example.test')).toEqual({ status: 'disabled', disabledBy: 'directory' });
    await server.setLocked(cat.dn, false);
    expect((await c.sync({ full: true })).counters).toMatchObject({ enabled: 1 });
    expect(await state('cat@example.test')).toEqual({ status: 'active', disabledBy: null });
  });
});
