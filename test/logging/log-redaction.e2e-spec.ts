import { randomBytes } from 'node:crypto';

import request from 'supertest';

import { FIXTURE_USERS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sessionCookie } from '../support/app.js';
import { sqliteUrl } from '../support/databases.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';
import { startMain, type MainProcess } from '../support/app-main.js';

const { alice, carol } = FIXTURE_USERS;
// Distinctive values, so finding one in the output can only mean it leaked.
const secret = (what: string) => `${what}-${randomBytes(12).toString('hex')}`;
const ADMIN_SECRET = secret('admin-pw');
const USER_SECRET = secret('alice-pw');
const WRONG_USER_SECRET = secret('wrong-pw');
const BIND_SECRET = secret('bind-pw');
const WRONG_BIND_SECRET = secret('wrong-bind-pw');
const SSO_SECRET = secret('sso-secret');
const WRONG_SSO_SECRET = secret('wrong-sso-secret');
const METRICS_TOKEN = secret('metrics-token');

const passwordChange = (dn: string, password: string) =>
  `dn: ${dn}\nchangetype: modify\nreplace: userPassword\nuserPassword: ${password}\n`;

describe('logs of the running application (JSON, as in production)', () => {
  let ldap: OpenLdapServer;
  let app: MainProcess;
  const cookies: string[] = [];
  const http = () => request(app.url);

  beforeAll(async () => {
    ldap = await startOpenLdap();
    await ldap.ldapAdd(passwordChange(SERVICE_ACCOUNT.dn, BIND_SECRET));
    await ldap.ldapAdd(passwordChange(alice.dn, USER_SECRET));
    app = await startMain({
      NODE_ENV: 'production',
      LOG_LEVEL: 'trace',
      DATABASE_URL: await sqliteUrl(),
      APP_KEY: randomBytes(32).toString('hex'),
      BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_SECRET,
      METRICS_TOKEN,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await ldap?.stop();
  });

  it('never shows a password, the bind secret, the SSO secret, a session cookie or the metrics token', async () => {
    const adminLogin = await http()
      .post('/api/auth/login')
      .send({ login: 'admin@example.com', password: ADMIN_SECRET });
    const admin = sessionCookie(adminLogin.headers['set-cookie']);
    cookies.push(admin);
    const save = (overrides: Record<string, unknown>) =>
      http()
        .put('/api/admin/ldap/settings')
        .set('Cookie', admin)
        .send(ldapSettingsFor(ldap, { bindPassword: BIND_SECRET, ...overrides }));
    const sso = { enabled: true, header: 'x-remote-user', trustedProxies: ['127.0.0.1/32', '::1/128'] };
    expect((await save({ sso: { ...sso, secretHeader: 'x-proxy-secret', secret: SSO_SECRET } })).status).toBe(200);
    // a refused save carries a secret too
    expect((await save({ bindPassword: WRONG_BIND_SECRET, timeoutMs: 1 })).status).toBe(400);

    const signIn = await http().post('/api/auth/login').send({ login: alice.uid, password: USER_SECRET });
    expect(signIn.status).toBe(200);
    cookies.push(sessionCookie(signIn.headers['set-cookie']));
    expect((await http().post('/api/auth/login').send({ login: alice.uid, password: WRONG_USER_SECRET })).status).toBe(
      401,
    );
    expect((await http().post('/api/auth/login').send({ login: carol.uid, password: WRONG_USER_SECRET })).status).toBe(
      401,
    );

    // the service bind refused: the directory's error is logged, the secret is not
    expect((await save({ bindPassword: WRONG_BIND_SECRET })).status).toBe(200);
    expect((await http().post('/api/auth/login').send({ login: carol.uid, password: USER_SECRET })).status).toBe(401);
    expect((await save({})).status).toBe(200);

    const bySso = await http()
      .get('/api/auth/me')
      .set('X-Remote-User', carol.uid)
      .set('X-Proxy-Secret', SSO_SECRET)
      .set('Cookie', cookies[1]);
    expect(bySso.status).toBe(200);
    cookies.push(sessionCookie(bySso.headers['set-cookie']));
    const wrongSso = await http()
      .get('/api/auth/me')
      .set('X-Remote-User', carol.uid)
      .set('X-Proxy-Secret', WRONG_SSO_SECRET);
    expect(wrongSso.status).toBe(401);
    expect((await http().get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).status).toBe(200);
    expect((await http().get(`/api/auth/me?password=${WRONG_USER_SECRET}`)).status).toBe(401);

    await new Promise((r) => setTimeout(r, 200)); // the last lines reach the pipe
    const output = app.output();
    expect(output).toMatch(/"msg":"request completed"/);
    expect(output).toMatch(/login\.failed/); // the failures were logged, just not their secrets
    const leaked = [
      ADMIN_SECRET,
      USER_SECRET,
      WRONG_USER_SECRET,
      BIND_SECRET,
      WRONG_BIND_SECRET,
      SSO_SECRET,
      WRONG_SSO_SECRET,
      METRICS_TOKEN,
      ...cookies.map((cookie) => cookie.split('=')[1]),
    ].filter((value) => output.includes(value));
    expect(leaked).toEqual([]);
  });

  it('writes one JSON object a line, with the request id on every line of a request, echoed in X-Request-Id', async () => {
    const id = `test-${randomBytes(6).toString('hex')}`;
    const res = await http()
      .post('/api/auth/login')
      .set('X-Request-Id', id)
      .send({ login: alice.uid, password: WRONG_USER_SECRET });
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe(id);
    const generated = await http().get('/api/auth/session').set('X-Request-Id', 'not a token: spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    await new Promise((r) => setTimeout(r, 200));
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofRequest = records.filter((r) => r.reqId === id);
    // the sign-in's own line (from the LDAP log) and the request line
    expect(ofRequest.map((r) => r.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/login\.failed.*alice/), 'request completed']),
    );
    expect(ofRequest.find((r) => r.msg === 'request completed')).toMatchObject({
      req: { id, method: 'POST', path: '/api/auth/login' },
      res: { statusCode: 401 },
    });
  });
});

describe('log format', () => {
  it.each([
    [{}, 'text'],
    [{ NODE_ENV: 'production' }, 'json'],
    [{ NODE_ENV: 'production', LOG_FORMAT: 'text' }, 'text'],
    [{ LOG_FORMAT: 'json' }, 'json'],
  ])('with %j writes %s', async (env, format) => {
    const app = await startMain({ ...env, DATABASE_URL: await sqliteUrl(), APP_KEY: randomBytes(32).toString('hex') });
    try {
      await request(app.url).get('/api/auth/session').set('X-Request-Id', 'format-check');
      await new Promise((r) => setTimeout(r, 200));
      const line = app
        .output()
        .split('\n')
        .find((l) => l.includes('format-check'));
      expect(line).toBeDefined();
      if (format === 'json')
        expect(JSON.parse(line!)).toMatchObject({ reqId: 'format-check', msg: 'request completed' });
      else expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \(request format-check\) request completed/);
    } finally {
      await app.stop();
    }
  });
});
