import { startApacheSso, type ApacheSsoProxy } from '../directories/apache.js';
import { FIXTURE_GROUPS, FIXTURE_USERS } from '../directories/fixtures.js';
import { testDatabases } from '../support/databases.js';
import { newSessionCookie, rawRequest, type RawRequest } from './raw-http.js';
import { SSO_LOGOUT_URL, startSsoApp, type SsoApp } from './sso-app.js';

// Apache searches ou=people (as the README's configuration does): these users live there.
const { alice, bob, plee, special, twinPeople } = FIXTURE_USERS;
const credentials = (user: { uid: string; password: string }, password = user.password) => ({
  user: user.uid,
  password,
});

describe.each(testDatabases())('SSO through a real Apache httpd on $name', (db) => {
  let s: SsoApp;
  let apache: ApacheSsoProxy;
  let supportMailbox: string;
  const viaProxy = (options: Omit<RawRequest, 'port'>, proxy = apache) => rawRequest({ ...options, port: proxy.port });
  const direct = (options: Omit<RawRequest, 'port'>) => rawRequest({ ...options, port: s.port });

  beforeAll(async () => {
    s = await startSsoApp(await db.url());
    apache = await startApacheSso({ ldap: s.ldap, backendPort: s.port });
    await s.configure();
    const res = await s.t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', s.admin)
      .send({ name: `Support ${db.name}`, ldapFilter: `(memberOf=${FIXTURE_GROUPS.support.dn})` });
    supportMailbox = res.body.name;
  });
  afterAll(async () => {
    await apache?.stop();
    await s?.close();
  });

  it('signs in a user the proxy authenticated against the directory, creating the account with mapped fields and mailboxes', async () => {
    const res = await viaProxy({ path: '/api/auth/me', basic: credentials(alice) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: alice.mail,
      firstName: alice.givenName,
      lastName: alice.sn,
      jobTitle: alice.title,
      phone: alice.telephoneNumber,
      authSource: 'sso',
      role: 'agent',
      ldapDn: alice.dn,
    });
    const cookie = newSessionCookie(res);
    expect(cookie).toBeDefined();
    const mailboxes = await viaProxy({
      path: '/api/mailboxes',
      basic: credentials(alice),
      headers: { Cookie: cookie! },
    });
    expect((mailboxes.body as { name: string }[]).map((m) => m.name)).toEqual([supportMailbox]);
    expect((await s.logLines('sso.login')).join('\n')).toMatch(
      /alice from 127\.0\.0\.1 signed in through the SSO proxy/,
    );
  });

  it('reuses the session on the next request: no new cookie, no second user', async () => {
    const first = await viaProxy({ path: '/api/auth/me', basic: credentials(plee) });
    const cookie = newSessionCookie(first)!;
    for (let i = 0; i < 3; i += 1) {
      const again = await viaProxy({ path: '/api/auth/me', basic: credentials(plee), headers: { Cookie: cookie } });
      expect(again.status).toBe(200);
      expect(again.headers['set-cookie']).toBeUndefined();
    }
    expect((await s.users()).filter((u) => u.email === plee.mail)).toHaveLength(1);
    // the session stands on its own too, straight to the app without the header
    expect((await direct({ path: '/api/auth/me', headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('leaves a wrong password to Apache: 401 from httpd, the app never asked, no user created', async () => {
    const res = await viaProxy({ path: '/api/auth/me', basic: credentials(bob, 'wrong-password') });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="Help desk"');
    expect(res.text).toMatch(/<title>401 Unauthorized<\/title>/);
    expect((await viaProxy({ path: '/api/auth/me' })).status).toBe(401);
    expect((await s.users()).map((u) => u.email)).not.toContain(bob.mail);
    expect(apache.errorLog()).toMatch(/user bob authentication failed/);
  });

  it("overwrites the client's own identity headers and X-Forwarded-For cannot make it trust anyone else", async () => {
    const res = await viaProxy({
      path: '/api/auth/me',
      basic: credentials(special),
      headers: { 'X-Remote-User': 'alice', X_Remote_User: 'alice', 'X-Forwarded-For': '127.0.0.1' },
    });
    expect(res.status).toBe(200);
    expect((res.body as { email: string }).email).toBe(special.mail);
  });

  it('switches the session when the header names another user than the session', async () => {
    const aliceCookie = newSessionCookie(await viaProxy({ path: '/api/auth/me', basic: credentials(alice) }))!;
    const res = await viaProxy({ path: '/api/auth/me', basic: credentials(bob), headers: { Cookie: aliceCookie } });
    expect(res.status).toBe(200);
    expect((res.body as { email: string }).email).toBe(bob.mail);
    const bobCookie = newSessionCookie(res);
    expect(bobCookie).toBeDefined();
    expect(bobCookie).not.toBe(aliceCookie);
    expect((await direct({ path: '/api/auth/me', headers: { Cookie: aliceCookie } })).status).toBe(401);
    expect(
      ((await direct({ path: '/api/auth/me', headers: { Cookie: bobCookie! } })).body as { email: string }).email,
    ).toBe(bob.mail);
  });

  it('answers 403 with a log line for a user disabled in the help desk, and ends their session', async () => {
    const cookie = newSessionCookie(await viaProxy({ path: '/api/auth/me', basic: credentials(twinPeople) }))!;
    const id = (await s.users()).find((u) => u.email === twinPeople.mail)!.id;
    await s.t.http().patch(`/api/admin/users/${id}`).set('Cookie', s.admin).send({ status: 'disabled' }).expect(200);
    try {
      expect(
        (await viaProxy({ path: '/api/auth/me', basic: credentials(twinPeople), headers: { Cookie: cookie } })).status,
      ).toBe(403);
      expect((await viaProxy({ path: '/api/mailboxes', basic: credentials(twinPeople) })).status).toBe(403);
      expect((await s.logLines('sso.blocked')).join('\n')).toMatch(
        /twin was refused \(403\): twin\.people@example\.com is disabled in the help desk/,
      );
    } finally {
      await s.t.http().patch(`/api/admin/users/${id}`).set('Cookie', s.admin).send({ status: 'active' }).expect(200);
    }
  });

  it("logs out of our session and answers with the proxy's own logout URL, without signing in again on the way", async () => {
    const cookie = newSessionCookie(await viaProxy({ path: '/api/auth/me', basic: credentials(alice) }))!;
    const res = await viaProxy({
      path: '/api/auth/logout',
      method: 'POST',
      basic: credentials(alice),
      headers: { Cookie: cookie, 'X-Requested-With': 'test' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, logoutUrl: SSO_LOGOUT_URL });
    expect(newSessionCookie(res)).toBeUndefined();
    expect((await direct({ path: '/api/auth/me', headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('with a shared secret configured, accepts the proxy that sends it and nothing that does not', async () => {
    const secret = `proxy-secret-${db.name}-0123456789`;
    const withSecret = await startApacheSso({
      ldap: s.ldap,
      backendPort: s.port,
      requestHeaders: { 'X-Proxy-Secret': secret },
    });
    await s.configure({ sso: { secretHeader: 'x-proxy-secret', secret } });
    try {
      expect((await viaProxy({ path: '/api/auth/me', basic: credentials(plee) }, withSecret)).status).toBe(200);
      expect((await viaProxy({ path: '/api/auth/me', basic: credentials(plee) })).status).toBe(401);
      expect((await s.logLines('sso.secret')).join('\n')).toMatch(
        /x-remote-user header from 127\.0\.0\.1 without the right x-proxy-secret: ignored/,
      );
    } finally {
      await withSecret.stop();
      await s.configure();
    }
  });
});
