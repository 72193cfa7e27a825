import { BASE_DN, FIXTURE_GROUPS, FIXTURE_USERS, OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sessionCookie, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { putLdapSettings } from '../support/admin-settings.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const INVALID = { statusCode: 401, message: 'Invalid login or password', error: 'Unauthorized' };
const { alice, bob, carol, jose, smith, special, locked, nomail, outsider, dana, twinPeople } = FIXTURE_USERS;

describe.each(testDatabases())('LDAP sign-in on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;
  const login = (l: unknown, p: unknown) => t.http().post('/api/auth/login').send({ login: l, password: p });
  const configure = (overrides: Record<string, unknown> = {}) =>
    putLdapSettings(t, admin, ldapSettingsFor(ldap, overrides));
  const users = async () =>
    (await t.http().get('/api/admin/users?pageSize=500').set('Cookie', admin)).body.items as {
      email: string;
      ldapDn: string | null;
    }[];
  const logLines = async (event: string) =>
    (await t.http().get(`/api/admin/logs/ldap?event=${event}&pageSize=500`).set('Cookie', admin)).body.items as {
      message: string;
    }[];

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url());
    admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });
  beforeEach(() => configure());

  it('signs in by uid and by mail, in the first and in the second scope, creating the user just in time with mapped fields', async () => {
    const res = await login(alice.uid, alice.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: alice.mail,
      firstName: alice.givenName,
      lastName: alice.sn,
      jobTitle: alice.title,
      phone: alice.telephoneNumber,
      authSource: 'ldap',
      role: 'agent',
      ldapDn: alice.dn,
    });
    expect((await login(alice.mail, alice.password)).status).toBe(200);
    expect((await login(carol.uid, carol.password)).body.email).toBe(carol.mail);
    expect((await login(jose.uid, jose.password)).body.lastName).toBe(jose.sn);
  });

  it('refuses users outside every search scope, and uses the Bind DN scope only when allowed', async () => {
    expect((await login(outsider.uid, outsider.password)).body).toEqual(INVALID);
    expect((await login(dana.uid, dana.password)).status).toBe(401);
    await configure({ bindDn: BASE_DN, bindUsername: 'svc-ldap', allowBindDnScopeLogin: true });
    expect((await login(dana.uid, dana.password)).status).toBe(200);
  });

  it('binds the service account by a full DN and by a plain name composed as cn=<name>,<Bind DN>', async () => {
    await configure({ bindDn: SERVICE_ACCOUNT.dn, bindUsername: null });
    expect((await login(bob.uid, bob.password)).status).toBe(200);
    await configure({ bindDn: BASE_DN, bindUsername: 'svc-ldap' });
    expect((await login(bob.uid, bob.password)).status).toBe(200);
    await configure({ bindDn: BASE_DN, bindUsername: SERVICE_ACCOUNT.dn });
    expect((await login(bob.uid, bob.password)).status).toBe(200);
  });

  it('answers every failure with the same 401 and logs the real reason', async () => {
    const failures = [
      await login(alice.uid, 'wrong-password'),
      await login('nobody-here', 'whatever-1'),
      await login(locked.uid, locked.password),
      await login(twinPeople.uid, twinPeople.password), // found in ou=people first: signs in
    ];
    expect(failures[0].body).toEqual(INVALID);
    expect(failures[1].body).toEqual(INVALID);
    expect(failures[2].body).toEqual(INVALID);
    expect(failures[3].status).toBe(200);
    const lines = [...(await logLines('login.failed')), ...(await logLines('login.blocked'))]
      .map((l) => l.message)
      .join('\n');
    expect(lines).toMatch(/wrong password for uid=alice/);
    expect(lines).toMatch(/nobody-here from [^:]+: not found in any search scope/);
    expect(lines).toMatch(/locked/);
    expect(lines).not.toContain('wrong-password');
  });

  it('refuses an entry without an email, saying so in the log', async () => {
    expect((await login(nomail.uid, nomail.password)).status).toBe(401);
    expect((await logLines('login.failed')).map((l) => l.message).join('\n')).toMatch(/no email attribute/);
  });

  it('keeps injection out: none of these logins signs in or matches more than one entry', async () => {
    for (const attempt of [
      '*',
      'a*',
      '*)(uid=*))(|(uid=*',
      'admin)(|(objectClass=*',
      'alice)(uid=*',
      'al\\2aice',
      '\\',
      'alice\u0000',
    ]) {
      const res = await login(attempt, alice.password);
      expect({ attempt, status: res.status }).toEqual({ attempt, status: 401 });
    }
    expect((await logLines('login.failed')).map((l) => l.message).join('\n')).not.toMatch(/ambiguous/);
  });

  it('signs in users whose uid and password are full of filter and DN metacharacters', async () => {
    expect((await login(smith.uid, smith.password)).status).toBe(200);
    expect((await login(special.uid, special.password)).status).toBe(200);
  });

  it('never sends an empty, blank, array or null password to the directory', async () => {
    const before = await ldap.bindCount();
    for (const password of ['', '   ', ['x'], null, undefined, 42]) {
      expect((await login(alice.uid, password)).status).toBe(401);
    }
    expect(await ldap.bindCount()).toBe(before);
  });

  it('Alice, "alice " and ALICE end in one local user; a rename in the directory updates it', async () => {
    for (const l of ['Alice', 'alice ', 'ALICE']) expect((await login(l, alice.password)).status).toBe(200);
    expect((await users()).filter((u) => u.email === alice.mail)).toHaveLength(1);
    await ldap.modrdn(bob.dn, 'uid=bobby', { deleteOldRdn: false });
    try {
      const res = await login('bobby', bob.password);
      expect(res.status).toBe(200);
      const bobs = (await users()).filter((u) => u.email === bob.mail);
      expect(bobs).toHaveLength(1);
      expect(bobs[0].ldapDn).toBe(`uid=bobby,${OUS.people}`);
    } finally {
      await ldap.modrdn(`uid=bobby,${OUS.people}`, 'uid=bob', { deleteOldRdn: true });
    }
  });

  it('gives a just-in-time user the mailboxes whose filter matches, and takes them away when it no longer does', async () => {
    const support = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', admin)
      .send({ name: `Support ${db.name}`, ldapFilter: `(memberOf=${FIXTURE_GROUPS.support.dn})` });
    const sales = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', admin)
      .send({ name: `Sales ${db.name}`, ldapFilter: `(memberOf=${FIXTURE_GROUPS.sales.dn})` });
    const cookie = sessionCookie((await login(carol.uid, carol.password)).headers['set-cookie']);
    const names = async (c: string) =>
      ((await t.http().get('/api/mailboxes').set('Cookie', c)).body as { name: string }[]).map((m) => m.name);
    expect(await names(cookie)).toEqual([support.body.name]);
    await t
      .http()
      .patch(`/api/admin/mailboxes/${support.body.id}`)
      .set('Cookie', admin)
      .send({ ldapFilter: `(memberOf=${FIXTURE_GROUPS.sales.dn})` })
      .expect(200);
    const again = sessionCookie((await login(carol.uid, carol.password)).headers['set-cookie']);
    expect(await names(again)).toEqual([]);
    expect(sales.status).toBe(201);
  });

  it('refuses a locked directory account even when a local password would match', async () => {
    // The local account with the same email (a password of its own) is never linked by email, and the directory's "no" wins anyway.
    await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', admin)
      .send({ email: locked.mail, password: 'local-password-123' });
    expect((await login(locked.mail, 'local-password-123')).status).toBe(401);
    expect((await login(locked.mail, locked.password)).status).toBe(401);
  });

  it('throttles the 11th failure for a login with 429 and Retry-After, and makes no bind for it', async () => {
    for (let i = 0; i < 10; i += 1) expect((await login(carol.mail, `wrong-${i}`)).status).toBe(401);
    const before = await ldap.bindCount();
    const blocked = await login(carol.mail, carol.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await ldap.bindCount()).toBe(before);
  });
});

describe.each(testDatabases())('local fallback when the directory is down, on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url());
    admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', admin)
      .send({ email: 'local.agent@example.com', password: 'local-agent-pass-1' })
      .expect(201);
    await putLdapSettings(t, admin, ldapSettingsFor(ldap, { timeoutMs: 1000 }));
    // Alice signs in once through the directory, then is given a local password by the admin.
    const alice = await t
      .http()
      .post('/api/auth/login')
      .send({ login: FIXTURE_USERS.alice.uid, password: FIXTURE_USERS.alice.password });
    expect(alice.status).toBe(200);
    await t
      .http()
      .put(`/api/admin/users/${alice.body.id}/password`)
      .set('Cookie', admin)
      .send({ password: 'alice-local-pass-1' })
      .expect(200);
    await ldap.stop();
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });
  const login = (l: string, p: string) => t.http().post('/api/auth/login').send({ login: l, password: p });

  it('signs in a local user and the bootstrap admin with fallbackToLocal on', async () => {
    expect((await login('local.agent@example.com', 'local-agent-pass-1')).status).toBe(200);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
    expect((await login(FIXTURE_USERS.alice.mail, 'alice-local-pass-1')).status).toBe(200);
    const lines = (
      await t.http().get('/api/admin/logs/ldap?event=login.succeeded&pageSize=100').set('Cookie', admin)
    ).body.items
      .map((l: { message: string }) => l.message)
      .join('\n');
    // the directory-managed account got in by the fallback, the local-only ones by their local password
    expect(lines).toMatch(
      /alice@example\.com from [^ ]+: the service account \S+ could not search: UNREACHABLE.*\[path: directory \(unavailable\) → local-fallback \(match\); signed in \(local-fallback\)\]/,
    );
    expect(lines).toMatch(
      /local\.agent@example\.com .*\[path: directory \(unavailable\) → local \(match\); signed in \(local\)\]/,
    );
  });

  it('with fallbackToLocal off, nobody signs in while the directory is down', async () => {
    await putLdapSettings(t, admin, { fallbackToLocal: false, bindPassword: '********', confirmLockout: true });
    try {
      expect((await login(FIXTURE_USERS.alice.mail, 'alice-local-pass-1')).status).toBe(401);
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(401);
    } finally {
      await putLdapSettings(t, admin, { fallbackToLocal: true });
    }
  });
});
