import { DataSource } from 'typeorm';

import { FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { putLdapSettings, signInAdminAndConfigure } from '../support/admin-settings.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const { alice, bob } = FIXTURE_USERS;

/*
 * A user deleted or disabled while their own bind is on its way (held by a proxy in front of
 * slapd): the sign-in read the user before the bind, so it goes on to the session with a user that
 * is gone or disabled. A deleted user gets the 401 of every failed sign-in, with no session; a
 * disabled one may get a session row, which the first request refuses and ends.
 */
describe.each(testDatabases())('a user gone while signing in, on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let proxy: FaultProxy;
  let admin: string;
  const login = (l: string, p: string) => t.http().post('/api/auth/login').send({ login: l, password: p });
  const sql = <T>(query: string, parameters: unknown[] = []) => t.app.get(DataSource).query<T>(query, parameters);
  const userId = async (email: string) =>
    Number((await sql<{ id: number }[]>('SELECT id FROM users WHERE email = ?', [email]))[0].id);
  const refusals = async () =>
    (
      (await t.http().get('/api/admin/logs/ldap?event=login.refused&pageSize=500').set('Cookie', admin)).body.items as {
        message: string;
      }[]
    ).map((l) => l.message);
  const sessionsOf = async (id: number) =>
    Number((await sql<{ n: number }[]>('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', [id]))[0].n);

  /** Signs in with the bind held by the proxy, runs `meanwhile` while it is held, then lets it go. */
  async function signInWhile(user: { uid: string; dn: string; password: string }, meanwhile: () => Promise<unknown>) {
    const fault = proxy.fault({ contains: user.dn, action: 'hold' });
    const answer = login(user.uid, user.password).then((res) => res);
    await fault.hit;
    await meanwhile();
    fault.release();
    return answer;
  }

  beforeAll(async () => {
    ldap = await startOpenLdap({ tls: 'none' });
    proxy = await FaultProxy.start({ host: ldap.host, port: ldap.port });
    t = await startTestApp(await db.url());
    admin = await signInAdminAndConfigure(t, ldapSettingsFor(ldap));
    await putLdapSettings(
      t,
      admin,
      ldapSettingsFor(ldap, { host: proxy.host, port: proxy.port, encryption: 'none', caCertificate: null }),
    );
    for (const u of [alice, bob]) expect((await login(u.uid, u.password)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await ldap?.stop();
  });

  it('deleted: the same 401 as a wrong password, not a 500', async () => {
    const wrong = await login(alice.uid, 'not-her-password');
    const id = await userId(alice.mail);
    const res = await signInWhile(alice, () => sql('DELETE FROM users WHERE id = ?', [id]));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(wrong.body);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/hd_session=[^;]/);
    expect(await refusals()).toContain(
      `${alice.mail}: sign-in (ldap) refused, no session: the user was deleted while signing in`,
    );
    // the next sign-in creates her again
    expect((await login(alice.uid, alice.password)).status).toBe(200);
  });

  it('disabled by an admin: whatever the answer, its session is refused at first use and ended', async () => {
    const id = await userId(bob.mail);
    const res = await signInWhile(bob, () =>
      t.http().patch(`/api/admin/users/${id}`).set('Cookie', admin).send({ status: 'disabled' }).expect(200),
    );
    expect([200, 401]).toContain(res.status);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = cookies.map((c) => c.split(';')[0]).find((c) => /^hd_session=[^;]+$/.test(c)) ?? '';
    if (res.status === 200) {
      expect(cookie).not.toBe('');
      // the row stored after the disable: no request gets through with it, and the first ends it
      expect(await sessionsOf(id)).toBe(1);
      await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
    }
    expect(await sessionsOf(id)).toBe(0);
    expect((await login(bob.uid, bob.password)).status).toBe(401);
  });
});
