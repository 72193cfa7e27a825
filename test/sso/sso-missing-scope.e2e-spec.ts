import { BASE_DN, FIXTURE_USERS, OUS } from '../directories/fixtures.js';
import { testDatabases } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { rawRequest } from './raw-http.js';
import { startSsoApp, type SsoApp } from './sso-app.js';

const { alice, bob, carol } = FIXTURE_USERS;
const NOWHERE = `ou=nowhere,${BASE_DN}`;
const GONE = `ou=gone,${BASE_DN}`;
const scope = (dn: string) => ({ dn, filter: '(objectClass=inetOrgPerson)' });

/*
 * Every search scope base missing on the server (noSuchObject on each) says nothing about the
 * person: SSO answers as when the directory is unreachable (the header is ignored, logged as
 * sso.failed), like password sign-in, which counts it as unavailable, and never falls back to
 * a help desk user found by email.
 */
describe.each(testDatabases())('SSO when no search scope exists, on $name', (db) => {
  let s: SsoApp;
  const me = (user: string) => rawRequest({ port: s.port, path: '/api/auth/me', headers: { 'X-Remote-User': user } });
  const email = (res: { body: unknown }) => (res.body as { email?: string } | undefined)?.email;

  beforeAll(async () => {
    s = await startSsoApp(await db.url());
    await s.configure();
    // alice and bob are help desk users, created by their first visit through the proxy
    expect(email(await me(alice.uid))).toBe(alice.mail);
    expect(email(await me(bob.uid))).toBe(bob.mail);
  });
  afterAll(() => s?.close());

  it('the directory unreachable: the header is ignored and logged as sso.failed', async () => {
    await s.configure({ port: await freePort() });
    expect((await me(bob.mail)).status).toBe(401);
    // (log lines are keyed by the login, the header without its domain, and limited to one a minute per key)
    expect((await s.logLines('sso.failed')).some((l) => l.startsWith(`${bob.uid}:`))).toBe(true);
  });

  it('every scope missing: the same answer, and the log names the missing DNs', async () => {
    await s.configure({ searchScopes: [scope(NOWHERE), scope(GONE)] });
    const byEmail = await me(alice.mail);
    expect(byEmail.status).toBe(401);
    const byLogin = await me(carol.uid);
    expect(byLogin.status).toBe(401);
    const lines = await s.logLines('sso.failed');
    for (const who of [alice.uid, carol.uid])
      expect(lines).toContain(
        `${who}: search scope bases ${NOWHERE}; ${GONE} do not exist in the directory (noSuchObject, result code 32: a configuration fault): no user can be looked up`,
      );
    expect((await s.logLines('sso.unknown')).join('\n')).not.toContain(NOWHERE);
  });

  it('one scope missing and one there: users of the other still sign in', async () => {
    await s.configure({ searchScopes: [scope(NOWHERE), scope(OUS.people)] });
    expect(email(await me(alice.uid))).toBe(alice.mail);
  });
});
