import { BASE_DN, DEFAULT_PASSWORD, FIXTURE_USERS, OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { replaceRecord } from '../directories/ldif.js';
import { testDatabases } from '../support/databases.js';
import { sessionCookie } from '../support/app.js';
import { FIXTURE_SCOPES, PERSON_FILTER, SyncClient } from './support/sync-harness.js';

const { alice, bob, carol, jose, locked, twinStaff } = FIXTURE_USERS;
// The fixture's locked user is disabled by the directory (its administrative ppolicy lock), so
// the brake's base is 9 active users: one gone is 11 %, above the harness's 10.
const SYNC = { deprovision: 'disable', maxDisablePercent: 12, fullSyncEveryHours: 24 };
const IMPORTED = [
  'alice',
  'bob',
  'carol',
  'jose',
  'smith',
  'plee',
  'locked',
  'special',
  'twinPeople',
  'twinStaff',
] as const;
const BOB_LDIF = `dn: ${bob.dn}\nobjectClass: inetOrgPerson\nuid: bob\ncn: ${bob.cn}\ngivenName: ${bob.givenName}\nsn: ${bob.sn}\nmail: ${bob.mail}\ntitle: ${bob.title}\nuserPassword: ${DEFAULT_PASSWORD}\n`;

describe.each(testDatabases())('directory import on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap({ tls: 'none' }), db.url().then((url) => SyncClient.start(url))]);
    await c.configure(server, { sync: SYNC });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const signInAs = async (login: string) =>
    sessionCookie(
      (await c.t.http().post('/api/auth/login').send({ login, password: DEFAULT_PASSWORD })).headers['set-cookie'],
    );
  const me = (cookie: string) => c.t.http().get('/api/auth/me').set('Cookie', cookie);
  /** Every directory user is active but the one the directory locked. */
  const allActiveButLocked = async () =>
    [...(await c.directoryUsers()).values()].every(
      (u) => u.status === (u.email === locked.mail ? 'disabled' : 'active'),
    );

  it('imports the fixture directory with the expected counters, users and log lines', async () => {
    const run = await c.sync();
    expect(run).toMatchObject({
      status: 'succeeded',
      mode: 'full',
      trigger: 'api',
      error: null,
      progress: { pages: 2, entries: 11 },
    });
    expect(run.counters).toEqual({
      seen: 11,
      created: 10,
      updated: 0,
      unchanged: 0,
      disabled: 0,
      enabled: 0,
      skipped: 1,
      failed: 0,
      mailboxAdds: 0,
      mailboxRemoves: 0,
    });
    const users = await c.directoryUsers();
    expect([...users.keys()].sort()).toEqual(IMPORTED.map((key) => FIXTURE_USERS[key].mail).sort());
    expect(users.get(alice.mail)).toMatchObject({
      status: 'active',
      firstName: 'Alice',
      lastName: 'Anderson',
      jobTitle: alice.title,
      ldapDn: alice.dn,
    });
    expect(users.get(jose.mail)).toMatchObject({ firstName: 'José', lastName: 'Müller-Øster', ldapDn: jose.dn });
    expect(users.get(locked.mail)).toMatchObject({ status: 'disabled', disabledBy: 'directory', ldapDn: locked.dn });
    expect(users.get(FIXTURE_USERS.smith.mail)?.ldapDn).toBe(FIXTURE_USERS.smith.dn);
    const skipped = await c.logs(`runId=${run.id}&event=sync.user.skipped`);
    expect(skipped).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('uid=nomail'),
        details: expect.objectContaining({ reason: 'no email attribute' }),
      }),
    ]);
    expect(await c.logs(`runId=${run.id}&event=sync.user.created`)).toHaveLength(10);
    expect((await c.logs(`runId=${run.id}&event=sync.finished`))[0].message).toMatch(/succeeded .*created 10/);
  });

  it('runs again: everything unchanged and nothing written', async () => {
    const before = await c.users();
    const full = await c.sync({ full: true });
    expect(full.counters).toMatchObject({
      seen: 11,
      created: 0,
      updated: 0,
      unchanged: 10,
      skipped: 1,
      disabled: 0,
      failed: 0,
    });
    const delta = await c.sync();
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(delta.counters).toMatchObject({ created: 0, updated: 0, disabled: 0, failed: 0 });
    expect(await c.users()).toEqual(before);
    expect(await c.logs(`runId=${full.id}&event=sync.user.updated`)).toEqual([]);
  });

  it('a delta picks up a change and a rename; a full run disables a deleted user and ends their session; re-adding re-enables', async () => {
    const bobSession = await signInAs('bob');
    expect((await me(bobSession)).status).toBe(200);
    const carolId = (await c.directoryUsers()).get(carol.mail)!.id;
    await server.ldapModify(replaceRecord(alice.dn, 'title', ['Head of Support']));
    await server.modrdn(carol.dn, 'uid=caroline');
    await server.ldapDelete(bob.dn);

    const delta = await c.sync();
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(delta.counters).toMatchObject({ created: 0, updated: 2, disabled: 0, failed: 0 });
    let users = await c.directoryUsers();
    expect(users.get(alice.mail)?.jobTitle).toBe('Head of Support');
    expect(users.get(carol.mail)).toMatchObject({ id: carolId, ldapDn: `uid=caroline,${OUS.staff}` });
    expect(users.get(bob.mail)?.status).toBe('active');

    const full = await c.sync({ full: true });
    expect(full).toMatchObject({ status: 'succeeded', mode: 'full' });
    expect(full.counters).toMatchObject({ created: 0, updated: 0, disabled: 1, unchanged: 9 });
    expect((await c.directoryUsers()).get(bob.mail)?.status).toBe('disabled');
    expect((await me(bobSession)).status).toBe(401);
    expect((await c.logs(`runId=${full.id}&event=sync.user.disabled`))[0].message).toContain(bob.mail);

    await server.ldapAdd(BOB_LDIF);
    const back = await c.sync();
    expect(back.counters).toMatchObject({ created: 0, enabled: 1, failed: 0 });
    users = await c.directoryUsers();
    expect(users.get(bob.mail)?.status).toBe('active');
    expect(users.size).toBe(IMPORTED.length);
    expect((await me(await signInAs('bob'))).status).toBe(200);
  });

  it('a filter that matches nothing disables nobody', async () => {
    const nothing = `(&${PERSON_FILTER}(uid=no-such-user))`;
    await c.configure(server, { sync: SYNC, searchScopes: FIXTURE_SCOPES.map((s) => ({ ...s, filter: nothing })) });
    const run = await c.sync({ full: true });
    expect(run).toMatchObject({ status: 'succeeded', progress: { entries: 0 } });
    expect(run.counters).toMatchObject({ seen: 0, disabled: 0 });
    expect(run.warnings.join(' ')).toMatch(/nobody disabled: search scope 1 returned no entries/);
    expect(await allActiveButLocked()).toBe(true);
  });

  it('more than maxDisablePercent gone: needs confirmation with the list, then force disables them; back in scope re-enables', async () => {
    await c.configure(server, {
      sync: SYNC,
      searchScopes: [{ dn: OUS.people, filter: `(&${PERSON_FILTER}(title=*))` }, FIXTURE_SCOPES[1]],
    });
    const held = await c.sync({ full: true });
    // the locked user, out of scope too, is already disabled (by the directory): not gone, not in the base
    const gone = (['smith', 'plee', 'special', 'twinPeople'] as const).map((key) => FIXTURE_USERS[key].mail).sort();
    expect(held).toMatchObject({ status: 'needs_confirmation', pendingDisableTotal: 4 });
    expect(held.counters.disabled).toBe(0);
    expect(held.pendingDisable.map((u) => u.email).sort()).toEqual(gone);
    expect(await allActiveButLocked()).toBe(true);

    const forced = await c.sync({ force: true });
    expect(forced).toMatchObject({ status: 'succeeded', mode: 'full' });
    expect(forced.counters.disabled).toBe(4);
    const users = await c.directoryUsers();
    expect(gone.map((mail) => users.get(mail)?.status)).toEqual(gone.map(() => 'disabled'));
    expect(users.get(locked.mail)).toMatchObject({ status: 'disabled', disabledBy: 'directory' });

    await c.configure(server, { sync: SYNC, searchScopes: FIXTURE_SCOPES });
    const restored = await c.sync({ full: true });
    expect(restored.counters).toMatchObject({ enabled: 4, disabled: 0 });
    expect(await allActiveButLocked()).toBe(true);
  });

  it('a dry run computes the plan and changes nothing', async () => {
    await server.ldapModify(replaceRecord(jose.dn, 'title', ['Jefe de Soporte']));
    await server.ldapDelete(twinStaff.dn);
    const before = await c.users();
    const run = await c.sync({ dryRun: true });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'dry-run' });
    expect(run.counters).toMatchObject({ created: 0, updated: 1, disabled: 1, failed: 0 });
    expect(run.sample).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'update', email: jose.mail, fields: ['jobTitle'] }),
        expect.objectContaining({ action: 'disable', email: twinStaff.mail }),
      ]),
    );
    expect(await c.users()).toEqual(before);
    expect(await c.logs(`runId=${run.id}&event=sync.plan`)).toHaveLength(2);
  });

  it('with allowBindDnScopeLogin, the Bind DN scope is imported too, entries in two scopes counted once', async () => {
    await c.configure(server, {
      sync: SYNC,
      bindDn: BASE_DN,
      bindUsername: SERVICE_ACCOUNT.dn,
      bindPassword: SERVICE_ACCOUNT.password,
      allowBindDnScopeLogin: true,
    });
    const run = await c.sync({ full: true });
    expect(run).toMatchObject({ status: 'succeeded', progress: { entries: 12 + 10 } });
    expect(run.counters).toMatchObject({ seen: 12, created: 2, updated: 1, disabled: 1, skipped: 1, failed: 0 });
    const users = await c.directoryUsers();
    expect(users.get(FIXTURE_USERS.dana.mail)?.ldapDn).toBe(FIXTURE_USERS.dana.dn);
    expect(users.get(FIXTURE_USERS.outsider.mail)?.status).toBe('active');
    expect(users.get(twinStaff.mail)?.status).toBe('disabled');
  });

  it('the scope filter alone decides who is a user: a filter returning an OU and a printer makes them candidates, skipped without email', async () => {
    await c.configure(server, {
      sync: SYNC,
      searchScopes: [{ dn: OUS.people, filter: '(objectClass=*)' }],
      allowBindDnScopeLogin: false,
    });
    const run = await c.sync({ dryRun: true });
    // ou=people itself and the printer, besides the eight people: no objectClass check of our own (issue 12)
    expect(run).toMatchObject({ status: 'succeeded', progress: { entries: 10 } });
    expect(run.counters).toMatchObject({ seen: 10, skipped: 3, created: 0, failed: 0 });
    const skipped = await c.logs(`runId=${run.id}&event=sync.user.skipped`);
    expect(skipped.map((l) => l.details?.dn).sort()).toEqual(
      [OUS.people, `cn=printer-3f,${OUS.people}`, `uid=nomail,${OUS.people}`].sort(),
    );
    expect(skipped.every((l) => l.details?.reason === 'no email attribute')).toBe(true);
  });
});
