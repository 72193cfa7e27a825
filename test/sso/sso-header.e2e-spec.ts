import { FIXTURE_USERS } from '../directories/fixtures.js';
import { testDatabases } from '../support/databases.js';
import { newSessionCookie, rawRequest, type RawRequest } from './raw-http.js';
import { startSsoApp, type SsoApp } from './sso-app.js';

const { alice, bob, carol, jose, locked } = FIXTURE_USERS;
const UNTRUSTED = '127.0.0.2';

/** Requests straight to the app: from the trusted address (as the proxy would) or from an untrusted one. */
describe.each(testDatabases())('SSO header trust and normalisation on $name', (db) => {
  let s: SsoApp;
  const me = (options: Omit<RawRequest, 'port' | 'path'> = {}) =>
    rawRequest({ ...options, port: s.port, path: '/api/auth/me' });
  const email = (res: { body: unknown }) => (res.body as { email?: string } | undefined)?.email;

  beforeAll(async () => {
    s = await startSsoApp(await db.url());
  });
  afterAll(() => s?.close());
  beforeEach(() => s.configure());

  it('ignores the header from an address that is not a trusted proxy, and logs it once a minute per address', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await me({ localAddress: UNTRUSTED, headers: { 'X-Remote-User': alice.uid } })).status).toBe(401);
    }
    expect((await me({ localAddress: '127.0.0.3', headers: { 'X-Remote-User': alice.uid } })).status).toBe(401);
    const lines = await s.logLines('sso.untrusted');
    const fromUntrusted = lines.filter((l) => l.includes(`from ${UNTRUSTED},`));
    expect(fromUntrusted[0]).toMatch(
      /x-remote-user header claiming "alice" from 127\.0\.0\.2, which is not a trusted proxy: ignored/,
    );
    // one line for the 20 requests (two only if a minute went by in between)
    expect(fromUntrusted.length).toBeGreaterThanOrEqual(1);
    expect(fromUntrusted.length).toBeLessThanOrEqual(2);
    expect(lines.some((l) => l.includes('from 127.0.0.3,'))).toBe(true);
    expect((await s.users()).map((u) => u.email)).not.toContain(alice.mail);
  });

  it('keeps an untrusted request unauthenticated even with a forged X-Forwarded-For naming the proxy', async () => {
    const forged = await me({
      localAddress: UNTRUSTED,
      headers: { 'X-Remote-User': bob.uid, 'X-Forwarded-For': '127.0.0.1' },
    });
    expect(forged.status).toBe(401);
    const chained = await me({
      localAddress: UNTRUSTED,
      headers: { 'X-Remote-User': bob.uid, 'X-Forwarded-For': '127.0.0.1, 127.0.0.1' },
    });
    expect(chained.status).toBe(401);
    expect((await s.users()).map((u) => u.email)).not.toContain(bob.mail);
  });

  it('signs in from the trusted address, whatever X-Forwarded-For says about the client', async () => {
    const res = await me({ headers: { 'X-Remote-User': bob.uid, 'X-Forwarded-For': '203.0.113.9, 127.0.0.1' } });
    expect(email(res)).toBe(bob.mail);
    expect((await s.logLines('sso.login')).join('\n')).toMatch(/bob from 203\.0\.113\.9 signed in/);
  });

  it('refuses a repeated header, even from the trusted proxy', async () => {
    const res = await me({ headers: { 'X-Remote-User': [jose.uid, alice.uid] } });
    expect(res.status).toBe(401);
    expect(newSessionCookie(res)).toBeUndefined();
    expect((await s.logLines('sso.refused')).join('\n')).toMatch(
      /x-remote-user header sent 2 times by 127\.0\.0\.1: refused/,
    );
  });

  it('refuses overlong and non-printable values', async () => {
    expect((await me({ headers: { 'X-Remote-User': 'a'.repeat(257) } })).status).toBe(401);
    expect((await me({ headers: { 'X-Remote-User': Buffer.from('ali\u200bce').toString('latin1') } })).status).toBe(
      401,
    );
    expect((await s.logLines('sso.refused')).join('\n')).toMatch(/longer than 256 characters/);
  });

  it('with a secret header configured, ignores the identity header when the secret is missing or wrong', async () => {
    const secret = 'the-proxy-secret-0123456789';
    await s.configure({ sso: { secretHeader: 'x-proxy-secret', secret } });
    expect((await me({ headers: { 'X-Remote-User': carol.uid } })).status).toBe(401);
    expect((await me({ headers: { 'X-Remote-User': carol.uid, 'X-Proxy-Secret': `${secret}x` } })).status).toBe(401);
    expect((await me({ headers: { 'X-Remote-User': carol.uid, 'X-Proxy-Secret': [secret, secret] } })).status).toBe(
      401,
    );
    expect(
      (await me({ localAddress: UNTRUSTED, headers: { 'X-Remote-User': carol.uid, 'X-Proxy-Secret': secret } })).status,
    ).toBe(401);
    expect(email(await me({ headers: { 'X-Remote-User': carol.uid, 'X-Proxy-Secret': secret } }))).toBe(carol.mail);
    const settings = (await s.t.http().get('/api/admin/ldap/settings').set('Cookie', s.admin)).body;
    expect(settings.sso.secret).toBe('********');
  });

  it('normalises DOMAIN\\user, user@REALM and case to one user', async () => {
    const forms = ['EXAMPLE\\Jose', 'jose@EXAMPLE.COM', 'JOSE', ' jose '];
    for (const form of forms)
      expect({ form, email: email(await me({ headers: { 'X-Remote-User': form } })) }).toEqual({
        form,
        email: jose.mail,
      });
    expect((await s.users()).filter((u) => u.email === jose.mail)).toHaveLength(1);
    await s.configure({ sso: { stripDomain: false } });
    expect((await me({ headers: { 'X-Remote-User': 'EXAMPLE\\jose' } })).status).toBe(401);
  });

  it('answers 403 with a log line for a user the directory says is locked', async () => {
    expect((await me({ headers: { 'X-Remote-User': locked.uid } })).status).toBe(403);
    expect((await s.logLines('sso.blocked')).join('\n')).toMatch(
      /locked was refused \(403\): directory account uid=locked,.* is locked/,
    );
    expect((await s.users()).map((u) => u.email)).not.toContain(locked.mail);
  });

  it('does not create users when autoCreate is off, but still signs in those it has', async () => {
    expect(email(await me({ headers: { 'X-Remote-User': bob.uid } }))).toBe(bob.mail);
    await s.configure({ sso: { autoCreate: false } });
    expect((await me({ headers: { 'X-Remote-User': 'twin.people@example.com' } })).status).toBe(401);
    expect((await s.logLines('sso.unknown')).join('\n')).toMatch(/autoCreate is off/);
    expect(email(await me({ headers: { 'X-Remote-User': bob.uid } }))).toBe(bob.mail);
  });

  it('with LDAP off, an email in the header creates a local-only user; a plain name does not', async () => {
    await s.configure({ enabled: false });
    const res = await me({ headers: { 'X-Remote-User': 'New.Person@Example.org' } });
    expect(res.body).toMatchObject({ email: 'new.person@example.org', authSource: 'sso', ldapDn: null });
    expect((await me({ headers: { 'X-Remote-User': 'someone' } })).status).toBe(401);
    expect((await s.users()).filter((u) => u.email === 'new.person@example.org')).toHaveLength(1);
  });

  it('ignores the header altogether while SSO is off', async () => {
    await s.configure({ sso: { enabled: false } });
    expect((await me({ headers: { 'X-Remote-User': alice.uid } })).status).toBe(401);
    const logout = await s.t.http().post('/api/auth/logout').set('X-Requested-With', 'test');
    expect(logout.body).toEqual({ ok: true });
  });
});
