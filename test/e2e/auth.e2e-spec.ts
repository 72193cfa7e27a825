import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, sessionCookie, startTestApp, TestApp } from '../support/app.js';

describe.each(testDatabases())('local sign-in, sessions and guards on $name', (db) => {
  let t: TestApp;
  let adminCookie: string;
  const agent = { email: 'agent@example.com', password: 'agent-password-123' };
  let agentId: number;

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    adminCookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', adminCookie)
      .send({ ...agent, firstName: 'Ann' });
    expect(created.status).toBe(201);
    agentId = created.body.id;
  });
  afterAll(() => t?.close());

  it('signs in the bootstrap admin and sets a hardened session cookie', async () => {
    const res = await t.http().post('/api/auth/login').send({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', authSource: 'local' });
    expect(res.body.passwordHash).toBeUndefined();
    const cookie = [res.headers['set-cookie']].flat().join(';');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure behind https
  });

  it('GET /api/auth/me answers with the cookie and 401 without', async () => {
    const me = await t.http().get('/api/auth/me').set('Cookie', adminCookie);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
    const anon = await t.http().get('/api/auth/me');
    expect(anon.status).toBe(401);
    expect(anon.headers['content-type']).toMatch(/json/);
  });

  it('the login email is case-insensitive', async () => {
    const res = await t.http().post('/api/auth/login').send({ login: 'AGENT@Example.com', password: agent.password });
    expect(res.status).toBe(200);
  });

  it('wrong password, unknown user and disabled user all get the same 401', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ login: agent.email, password: 'nope-nope-nope' });
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'ghost@example.com', password: 'whatever-123' });
    const disabledUser = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', adminCookie)
      .send({ email: 'gone@example.com', password: 'gone-password-123' });
    await t
      .http()
      .patch(`/api/admin/users/${disabledUser.body.id}`)
      .set('Cookie', adminCookie)
      .send({ status: 'disabled' })
      .expect(200);
    const disabled = await t
      .http()
      .post('/api/auth/login')
      .send({ login: 'gone@example.com', password: 'gone-password-123' });
    for (const res of [wrong, unknown, disabled]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, message: 'Invalid login or password', error: 'Unauthorized' });
    }
  });

  it.each([
    ['empty password', { login: ADMIN_EMAIL, password: '' }],
    ['whitespace password', { login: ADMIN_EMAIL, password: '   ' }],
    ['array password', { login: ADMIN_EMAIL, password: [ADMIN_PASSWORD] }],
    ['null password', { login: ADMIN_EMAIL, password: null }],
    ['object login', { login: { email: ADMIN_EMAIL }, password: ADMIN_PASSWORD }],
  ])('refuses a login with %s as a plain 401', async (_name, body) => {
    const res = await t.http().post('/api/auth/login').send(body);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Invalid login or password');
  });

  it('rotates the session id at login and ends the session at logout', async () => {
    const first = await t.signIn(agent.email, agent.password);
    const res = await t
      .http()
      .post('/api/auth/login')
      .set('Cookie', first)
      .send({ login: agent.email, password: agent.password });
    const second = sessionCookie(res.headers['set-cookie']);
    expect(second).not.toBe(first);
    expect((await t.http().get('/api/auth/me').set('Cookie', first)).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set('Cookie', second)).status).toBe(200);
    const out = await t.http().post('/api/auth/logout').set('Cookie', second).set('X-Requested-With', 'test');
    expect(out.status).toBe(200);
    expect((await t.http().get('/api/auth/me').set('Cookie', second)).status).toBe(401);
  });

  it('admin routes refuse an agent with 403 and an anonymous caller with 401', async () => {
    const agentCookie = await t.signIn(agent.email, agent.password);
    for (const path of ['/api/admin/users', '/api/admin/mailboxes', '/api/admin/logs/ldap']) {
      expect((await t.http().get(path).set('Cookie', agentCookie)).status).toBe(403);
      expect((await t.http().get(path)).status).toBe(401);
      expect((await t.http().get(path).set('Cookie', adminCookie)).status).toBe(200);
    }
  });

  it('disabling a user ends their sessions at once', async () => {
    const u = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', adminCookie)
      .send({ email: 'temp@example.com', password: 'temp-password-123' });
    const cookie = await t.signIn('temp@example.com', 'temp-password-123');
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(200);
    await t
      .http()
      .patch(`/api/admin/users/${u.body.id}`)
      .set('Cookie', adminCookie)
      .send({ status: 'disabled' })
      .expect(200);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    await t
      .http()
      .patch(`/api/admin/users/${u.body.id}`)
      .set('Cookie', adminCookie)
      .send({ status: 'active' })
      .expect(200);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('setting a new password ends old sessions and the new one works', async () => {
    const u = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', adminCookie)
      .send({ email: 'pw@example.com', password: 'first-password-1' });
    const cookie = await t.signIn('pw@example.com', 'first-password-1');
    await t
      .http()
      .put(`/api/admin/users/${u.body.id}/password`)
      .set('Cookie', adminCookie)
      .send({ password: 'second-password-2' })
      .expect(200);
    expect((await t.http().get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    await t.signIn('pw@example.com', 'second-password-2');
  });

  it('an admin setting their own password keeps the session asking, ends their other ones, and says so', async () => {
    const email = 'self-admin@example.com';
    const created = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', adminCookie)
      .send({ email, password: 'self-admin-first-1', role: 'admin' })
      .expect(201);
    const asking = await t.signIn(email, 'self-admin-first-1');
    const other = await t.signIn(email, 'self-admin-first-1');
    const res = await t
      .http()
      .put(`/api/admin/users/${created.body.id}/password`)
      .set('Cookie', asking)
      .send({ password: 'self-admin-second-2' })
      .expect(200);
    expect(res.body).toEqual({
      sessionsEnded: 'others',
      message: 'password set; your other sessions ended, this one continues',
    });
    expect((await t.http().get('/api/auth/me').set('Cookie', asking)).body.email).toBe(email);
    expect((await t.http().get('/api/auth/me').set('Cookie', other)).status).toBe(401);
    await t.signIn(email, 'self-admin-second-2');
    // another admin setting it ends every session, the new one above included
    const byOther = await t
      .http()
      .put(`/api/admin/users/${created.body.id}/password`)
      .set('Cookie', adminCookie)
      .send({ password: 'self-admin-third-3' })
      .expect(200);
    expect(byOther.body).toEqual({ sessionsEnded: 'all', message: "password set; the user's sessions ended" });
    expect((await t.http().get('/api/auth/me').set('Cookie', asking)).status).toBe(401);
    expect((await t.http().get('/api/auth/me').set('Cookie', adminCookie)).status).toBe(200);
  });

  it('an agent sees only their mailboxes; an admin sees all', async () => {
    const a = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', adminCookie)
      .send({ name: 'Support', ldapFilter: '(memberOf=cn=support,ou=groups,dc=example,dc=com)' });
    const b = await t.http().post('/api/admin/mailboxes').set('Cookie', adminCookie).send({ name: 'Sales' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    await t
      .http()
      .post(`/api/admin/mailboxes/${a.body.id}/members`)
      .set('Cookie', adminCookie)
      .send({ userId: agentId })
      .expect(204);
    const agentCookie = await t.signIn(agent.email, agent.password);
    const mine = await t.http().get('/api/mailboxes').set('Cookie', agentCookie);
    expect(mine.body.map((m: { name: string }) => m.name)).toEqual(['Support']);
    const all = await t.http().get('/api/mailboxes').set('Cookie', adminCookie);
    expect(all.body.map((m: { name: string }) => m.name)).toEqual(['Sales', 'Support']);
  });

  it('refuses an invalid LDAP filter on a mailbox, naming the field', async () => {
    const res = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', adminCookie)
      .send({ name: 'Broken', ldapFilter: '(memberOf=cn=x' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/ldapFilter/);
  });

  it('answers bad input as JSON: unknown route, malformed JSON, unknown fields, overlong strings', async () => {
    const notFound = await t.http().get('/api/nope').set('Cookie', adminCookie);
    expect(notFound.status).toBe(404);
    expect(notFound.body.statusCode).toBe(404);

    const malformed = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', adminCookie)
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/JSON/);

    const unknownField = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', adminCookie)
      .send({ name: 'X', colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.message)).toMatch(/colour is not a known field/);

    const long = await t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', adminCookie)
      .send({ name: 'x'.repeat(300) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.message)).toMatch(/name must be shorter than or equal to 255 characters/);
  });

  it('stores and returns a 4-byte emoji in a name', async () => {
    const res = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', adminCookie)
      .send({ email: 'emoji@example.com', password: 'emoji-password-1', firstName: 'Zoë 🦄' });
    const back = await t.http().get(`/api/admin/users/${res.body.id}`).set('Cookie', adminCookie);
    expect(back.body.firstName).toBe('Zoë 🦄');
  });

  it('health and OpenAPI docs are served without a session', async () => {
    expect((await t.http().get('/api/health')).body).toEqual({ status: 'ok', database: 'ok' });
    expect((await t.http().get('/api/docs-json')).body.info.title).toBe('helpdesk-ldap');
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
