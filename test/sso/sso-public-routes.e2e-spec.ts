import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';

// The database does not matter here: the guard decides before any query differs.
describe('SSO header on public probes', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp(await sqliteUrl());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const sso = {
      enabled: true,
      header: 'x-remote-user',
      trustedProxies: ['127.0.0.1/32', '::1/128'],
      stripDomain: false,
    };
    expect((await t.http().put('/api/admin/ldap/settings').set('Cookie', cookie).send({ sso })).status).toBe(200);
    const user = await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .send({ email: 'gone@example.com', password: 'gone-password-123' });
    await t.http().patch(`/api/admin/users/${user.body.id}`).set('Cookie', cookie).send({ status: 'disabled' });
  });
  afterAll(() => t?.close());

  it('a trusted proxy naming a disabled user is refused on a guarded route', async () => {
    const res = await t.http().get('/api/auth/me').set('x-remote-user', 'gone@example.com');
    expect(res.status).toBe(403);
  });

  it.each(['/api/health', '/api/health/ready'])('%s answers whatever user the header names', async (path) => {
    const res = await t.http().get(path).set('x-remote-user', 'gone@example.com');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('/api/metrics answers an admin session as without the header', async () => {
    const res = await t.http().get('/api/metrics').set('Cookie', cookie).set('x-remote-user', 'gone@example.com');
    expect(res.status).toBe(200);
  });
});
