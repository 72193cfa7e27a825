import { FIXTURE_USERS } from '../directories/fixtures.js';
import { testDatabases } from '../support/databases.js';
import { startSsoApp, type SsoApp } from './sso-app.js';

const { alice, bob } = FIXTURE_USERS;

/** The new session cookie of an answer (`hd_session=…`), not the one it cleared. */
function sessionCookie(headers: Record<string, unknown>): string {
  const cookies = ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []);
  const found = cookies.map((c) => c.split(';')[0]).find((c) => /^hd_session=[^;]+$/.test(c));
  if (!found) throw new Error(`no new session cookie in ${JSON.stringify(cookies)}`);
  return found;
}

/*
 * A request whose cookie is one user's while the trusted proxy's header names another: the request
 * goes on as the header's user, in the session just started for them, so "your own session" is
 * that one (an admin setting their own password keeps it and ends the others).
 */
describe.each(testDatabases())('a request the SSO header switches to another user, on $name', (db) => {
  let s: SsoApp;

  beforeAll(async () => {
    s = await startSsoApp(await db.url());
    await s.configure();
  });
  afterAll(() => s?.close());

  it('sets its own password in the new session, which continues; the older one of that user ends', async () => {
    const first = await s.t.http().get('/api/auth/me').set('X-Remote-User', bob.uid).expect(200);
    const bobsOlder = sessionCookie(first.headers);
    const bobId = (await s.users()).find((u) => u.email === bob.mail)!.id;
    await s.t.http().patch(`/api/admin/users/${bobId}`).set('Cookie', s.admin).send({ role: 'admin' }).expect(200);
    const alices = sessionCookie(
      (await s.t.http().get('/api/auth/me').set('X-Remote-User', alice.uid).expect(200)).headers,
    );

    const res = await s.t
      .http()
      .put(`/api/admin/users/${bobId}/password`)
      .set('Cookie', alices)
      .set('X-Remote-User', bob.uid)
      .send({ password: 'a-password-long-enough' })
      .expect(200);
    expect(res.body.sessionsEnded).toBe('others');
    const bobsNew = sessionCookie(res.headers);
    // the session the answer handed out goes on, without the header; bob's older one has ended
    expect((await s.t.http().get('/api/auth/me').set('Cookie', bobsNew).expect(200)).body.email).toBe(bob.mail);
    await s.t.http().get('/api/auth/me').set('Cookie', bobsOlder).expect(401);
  });
});
