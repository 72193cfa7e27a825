import { BASE_DN, FIXTURE_USERS, OUS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { putLdapSettings, signInAdminAndConfigure } from '../support/admin-settings.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const { alice, carol } = FIXTURE_USERS;
const NOWHERE = `ou=nowhere,${BASE_DN}`;
const GONE = `ou=gone,${BASE_DN}`;
const scope = (dn: string) => ({ dn, filter: '(objectClass=inetOrgPerson)' });

// A search scope whose base DN the directory does not have (noSuchObject, result code 32): a
// configuration fault the connection test and the sign-in log name, while the client's answer
// stays the one every failed sign-in gets.
describe.each(testDatabases())('a search scope that does not exist, on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;
  const login = (l: string, p: string) => t.http().post('/api/auth/login').send({ login: l, password: p });
  const configure = (searchScopes: object[]) => putLdapSettings(t, admin, ldapSettingsFor(ldap, { searchScopes }));
  const lastFailure = async (about: string, event = 'login.failed') =>
    (
      (await t.http().get(`/api/admin/logs/ldap?event=${event}&pageSize=500`).set('Cookie', admin)).body.items as {
        message: string;
        details: Record<string, unknown> | null;
      }[]
    ).find((l) => l.message.includes(about));

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url());
    admin = await signInAdminAndConfigure(t, ldapSettingsFor(ldap));
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('the connection test fails the search step naming the missing scope DN, and still counts the others', async () => {
    const res = await t
      .http()
      .post('/api/admin/ldap/test')
      .set('Cookie', admin)
      .send({ searchScopes: [scope(OUS.people), scope(NOWHERE)] });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const search = (res.body.steps as { step: string; ok: boolean; message: string; code: string }[]).find(
      (s) => s.step === 'search',
    )!;
    expect(search).toMatchObject({ ok: false, code: 'NO_SUCH_OBJECT' });
    expect(search.message).toBe(
      `search scope ${NOWHERE} does not exist on this server (noSuchObject, result code 32); users there cannot be found; the other scopes still work`,
    );
  });

  it('the connection test names every missing scope when none exists', async () => {
    const res = await t
      .http()
      .post('/api/admin/ldap/test')
      .set('Cookie', admin)
      .send({ searchScopes: [scope(NOWHERE), scope(GONE)] });
    const search = (res.body.steps as { step: string; message: string }[]).find((s) => s.step === 'search')!;
    expect(search.message).toContain(`search scopes ${NOWHERE}; ${GONE} do not exist on this server`);
    expect(search.message).toContain('no user can be found through the search scopes');
  });

  it('sign-in with one scope missing: found users sign in; a failed one is logged as a configuration fault, answered like any 401', async () => {
    await configure([scope(NOWHERE), scope(OUS.people)]);
    expect((await login(alice.uid, alice.password)).status).toBe(200);
    const refused = await login('nobody-here', 'some-password-1');
    const wrong = await login(alice.uid, 'not-her-password');
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrong.body);
    const line = await lastFailure('nobody-here');
    expect(line?.message).toContain(
      `not found in any search scope; search scope base ${NOWHERE} does not exist in the directory (noSuchObject, result code 32: a configuration fault)`,
    );
    expect(line?.details).toMatchObject({ outcome: 'wrong-credentials' });
  });

  it('every scope missing: the directory counts as unavailable, so the local fallback policy applies; the client still gets the same 401', async () => {
    await configure([scope(OUS.people), scope(OUS.staff)]);
    expect((await login(carol.uid, carol.password)).status).toBe(200);
    const users = (await t.http().get('/api/admin/users?pageSize=500').set('Cookie', admin)).body.items as {
      id: number;
      email: string;
    }[];
    const carolId = users.find((u) => u.email === carol.mail)!.id;
    await t
      .http()
      .put(`/api/admin/users/${carolId}/password`)
      .set('Cookie', admin)
      .send({ password: 'carol-local-pass-1' })
      .expect(200);
    // While the scopes exist, her local password is refused: the directory answered about her.
    const wrong = await login(carol.mail, 'carol-local-pass-1');
    expect(wrong.status).toBe(401);

    await configure([scope(NOWHERE), scope(GONE)]);
    const fallback = await login(carol.mail, 'carol-local-pass-1');
    expect(fallback.status).toBe(200);
    const unknown = await login('nobody-at-all', 'some-password-1');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    const line = await lastFailure('nobody-at-all', 'login.unavailable');
    expect(line?.message).toContain(
      `search scope bases ${NOWHERE}; ${GONE} do not exist in the directory (noSuchObject, result code 32: a configuration fault): no user can be looked up`,
    );
    expect(line?.details).toMatchObject({ outcome: 'unavailable' });
  });
});
