import { DataSource } from 'typeorm';

import { FIXTURE_USERS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { putLdapSettings, signInAdminAndConfigure } from '../support/admin-settings.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const { alice, bob, carol, jose, locked } = FIXTURE_USERS;
const LIMIT = 10;

// SignInService's decision on a real slapd and database: fallback per account, what counts
// toward the throttle, one count per directory account, and an atomic reservation before the bind.
describe.each(testDatabases())('the sign-in decision on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;
  const login = (l: string, p: string) => t.http().post('/api/auth/login').send({ login: l, password: p });
  const configure = (overrides: Record<string, unknown> = {}) =>
    putLdapSettings(t, admin, ldapSettingsFor(ldap, overrides));
  const lines = async (event: string, about: string) =>
    (
      (await t.http().get(`/api/admin/logs/ldap?event=${event}&pageSize=500`).set('Cookie', admin)).body.items as {
        message: string;
        details: Record<string, unknown> | null;
      }[]
    ).filter((l) => l.message.includes(about));
  const sessionMethods = async (email: string) =>
    (
      (await t.app
        .get(DataSource)
        .query(
          'SELECT s.auth_method AS method FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ? ORDER BY s.created_at',
          [email],
        )) as { method: string }[]
    ).map((r) => r.method);
  const setLocalPassword = async (email: string, password: string) => {
    const users = (await t.http().get('/api/admin/users?pageSize=500').set('Cookie', admin)).body.items as {
      id: number;
      email: string;
    }[];
    const user = users.find((u) => u.email === email)!;
    await t.http().put(`/api/admin/users/${user.id}/password`).set('Cookie', admin).send({ password }).expect(200);
  };

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url(), {
      loginThrottle: { perLogin: LIMIT, perLoginWindowSeconds: 900, perClient: 1000, perClientWindowSeconds: 3600 },
    });
    admin = await signInAdminAndConfigure(t, ldapSettingsFor(ldap));
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('a linked account: its old local password is refused while the directory answers, the directory password works', async () => {
    expect((await login(alice.uid, alice.password)).status).toBe(200);
    await setLocalPassword(alice.mail, 'alice-old-local-1');
    expect((await login(alice.mail, 'alice-old-local-1')).status).toBe(401);
    const [refused] = await lines('login.failed', `${alice.mail} from`);
    expect(refused.message).toContain(`wrong password for ${alice.dn}`);
    expect(refused.message).toContain(
      'a directory-managed account uses its local password only while the directory is unavailable',
    );
    expect(refused.details).toMatchObject({ outcome: 'wrong-credentials', method: null });
    expect((await login(alice.mail, alice.password)).status).toBe(200);
    expect((await sessionMethods(alice.mail)).at(-1)).toBe('ldap');
  });

  it('the local-only bootstrap admin signs in with the local password while LDAP is on, recorded as local', async () => {
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
    expect((await sessionMethods(ADMIN_EMAIL)).at(-1)).toBe('local');
    const [line] = await lines('login.succeeded', `${ADMIN_EMAIL} from`);
    expect(line.message).toMatch(/\[path: directory \(wrong-credentials\) → local \(match\); signed in \(local\)\]$/);
  });

  it('a refused login name is logged as a login name, an unknown email as an email', async () => {
    expect((await login('nobody-here', 'wrong-nobody-1')).status).toBe(401);
    expect((await login('nobody@example.com', 'wrong-nobody-1')).status).toBe(401);
    const [byName] = await lines('login.failed', 'nobody-here from');
    expect(byName.message).toContain('for this login name (local accounts sign in with their email)');
    expect(byName.message).not.toContain('email]');
    const [byEmail] = await lines('login.failed', 'nobody@example.com from');
    expect(byEmail.message).toContain('no active local account with a local password for this email');
  });

  it('an account the directory locked never falls back, with its local password or its directory one', async () => {
    await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', admin)
      .send({ email: locked.mail, password: 'locked-local-pass-1' })
      .expect(201);
    expect((await login(locked.mail, 'locked-local-pass-1')).status).toBe(401);
    expect((await login(locked.uid, locked.password)).status).toBe(401);
    const blocked = await lines('login.blocked', 'locked');
    expect(blocked).toHaveLength(2);
    for (const line of blocked) expect(line.message).toContain('local (not tried)');
  });

  it('a failing service account is "unavailable", names the account, and never counts against the person', async () => {
    await configure({ bindPassword: 'not-the-service-password' });
    try {
      for (let i = 0; i < LIMIT + 2; i += 1) expect((await login(bob.uid, bob.password)).status).toBe(401);
    } finally {
      await configure();
    }
    const unavailable = await lines('login.unavailable', `${bob.uid} from`);
    expect(unavailable).toHaveLength(LIMIT + 2);
    expect(unavailable[0].message).toContain(
      `the service account ${SERVICE_ACCOUNT.dn} could not search: INVALID_CREDENTIALS`,
    );
    expect(await lines('login.throttled', `${bob.uid} from`)).toEqual([]);
    expect((await login(bob.uid, bob.password)).status).toBe(200);
  });

  it('while the directory is unavailable a wrong local password still counts: local passwords cannot be guessed without limit', async () => {
    const local = 'alice-old-local-1'; // set by the first test
    await configure({ bindPassword: 'not-the-service-password' });
    try {
      expect((await login(alice.mail, local)).status).toBe(200);
      for (let i = 0; i < LIMIT; i += 1) expect((await login(alice.mail, `wrong-local-${i}`)).status).toBe(401);
      const refused = await login(alice.mail, local);
      expect(refused.status).toBe(429);
      const [line] = await lines('login.unavailable', `${alice.mail} from`);
      expect(line.message).toContain('the local password does not match');
    } finally {
      await configure();
    }
  });

  it('the uid and the mail of one entry share one count', async () => {
    for (let i = 0; i < LIMIT / 2; i += 1) expect((await login(carol.uid, 'wrong-carol-1')).status).toBe(401);
    for (let i = 0; i < LIMIT / 2; i += 1) expect((await login(carol.mail, 'wrong-carol-2')).status).toBe(401);
    const res = await login(carol.mail.toUpperCase(), carol.password);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const [throttled] = await lines('login.throttled', carol.mail.toUpperCase());
    expect(throttled.message).toContain(`too many failed sign-ins for ${carol.dn}`);
  });

  it('a burst of parallel wrong passwords makes at most the limit of binds', async () => {
    const before = await ldap.bindCount(jose.dn);
    const answers = await Promise.all(Array.from({ length: 2 * LIMIT }, () => login(jose.uid, 'wrong-jose-1')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(LIMIT);
    expect((await ldap.bindCount(jose.dn)) - before).toBe(LIMIT);
  });

  it('refuses a save that would leave no admin able to sign in, unless confirmed; never stores the flag', async () => {
    const put = (body: Record<string, unknown>) =>
      t.http().put('/api/admin/ldap/settings').set('Cookie', admin).send(body);
    const refused = await put({ fallbackToLocal: false, bindPassword: '********' });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.confirmLockout).toEqual([
      expect.stringContaining('no admin could sign in after this save (with LDAP on and fallbackToLocal off'),
    ]);
    expect((await t.http().get('/api/admin/ldap/settings').set('Cookie', admin)).body.fallbackToLocal).toBe(true);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
    try {
      const confirmed = await put({ fallbackToLocal: false, bindPassword: '********', confirmLockout: true });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.settings).not.toHaveProperty('confirmLockout');
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(401);
    } finally {
      await configure();
    }
  });

  it('an admin cannot disable their own account; another admin can be disabled', async () => {
    const me = (await t.http().get('/api/auth/me').set('Cookie', admin)).body as { id: number };
    const own = await t.http().patch(`/api/admin/users/${me.id}`).set('Cookie', admin).send({ status: 'disabled' });
    expect(own.status).toBe(400);
    expect(own.body.fields.status).toEqual(['you cannot disable your own account: another admin can']);
    const other = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', admin)
      .send({ email: 'second.admin@example.test', password: 'second-admin-pass-1', role: 'admin' })
      .expect(201);
    const res = await t
      .http()
      .patch(`/api/admin/users/${other.body.id}`)
      .set('Cookie', admin)
      .send({ status: 'disabled' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('disabled');
  });
});
