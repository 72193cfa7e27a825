import { randomBytes } from 'node:crypto';

import request from 'supertest';

import { FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sessionCookie } from '../support/app.js';
import { startMain, type MainProcess } from '../support/app-main.js';
import { mariaDbUrl } from '../support/databases.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const ADMIN = { login: 'admin@example.com', password: 'two-instances-admin-pw' };
const METRICS_TOKEN = randomBytes(24).toString('hex');
// sign-ins read the settings through a 2-second cache (LdapSettingsService)
const SETTINGS_PROMISE_MS = 2_000;
const { alice, bob, carol, jose, smith } = FIXTURE_USERS;
const LOAD_USERS = [bob, carol, jose, smith];

describe('two instances of the built app on one MariaDB', () => {
  let ldap: OpenLdapServer;
  let a: MainProcess;
  let b: MainProcess;
  let admin: string;
  const login = (app: MainProcess, l: string, p: string) =>
    request(app.url).post('/api/auth/login').send({ login: l, password: p });

  beforeAll(async () => {
    const env = {
      DATABASE_URL: await mariaDbUrl(),
      APP_KEY: randomBytes(32).toString('hex'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.login,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
    };
    ldap = await startOpenLdap();
    // one after the other: the first start migrates the empty database
    a = await startMain(env);
    b = await startMain(env);
    admin = sessionCookie((await login(a, ADMIN.login, ADMIN.password)).headers['set-cookie']);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await ldap?.stop();
  });

  it('a session made on one is valid on the other, and ended on both by a sign-out on either', async () => {
    expect((await request(b.url).get('/api/auth/me').set('Cookie', admin)).body.email).toBe(ADMIN.login);
    const other = sessionCookie((await login(b, ADMIN.login, ADMIN.password)).headers['set-cookie']);
    expect((await request(a.url).get('/api/auth/me').set('Cookie', other)).status).toBe(200);
    expect((await request(a.url).post('/api/auth/logout').set('Cookie', other).send({})).status).toBe(200);
    expect((await request(b.url).get('/api/auth/me').set('Cookie', other)).status).toBe(401);
  });

  it('a settings change saved on one applies on the other within the promised time', async () => {
    // b reads (and caches) the settings with LDAP off: alice is unknown there
    expect((await login(b, alice.uid, alice.password)).status).toBe(401);
    const saved = await request(a.url).put('/api/admin/ldap/settings').set('Cookie', admin).send(ldapSettingsFor(ldap));
    expect(saved.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, SETTINGS_PROMISE_MS + 500));
    expect((await login(b, alice.uid, alice.password)).status).toBe(200);
  });

  it('a sign-in load spread over both loses nothing (first sign-ins included): every sign-in succeeds, every session works on the other, each user once', async () => {
    const scrape = async (app: MainProcess, key: string) => {
      const text = (await request(app.url).get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
      const line = text.split('\n').find((l) => l.startsWith(`${key} `));
      return line ? Number(line.split(' ')[1]) : 0;
    };
    const key = 'helpdesk_sign_ins_total{outcome="success",method="ldap"}';
    const before = (await scrape(a, key)) + (await scrape(b, key));
    const attempts = Array.from({ length: 48 }, (_, i) => ({ user: LOAD_USERS[i % 4], on: i % 3 ? a : b }));
    const results: { status: number; cookie?: string; on: MainProcess }[] = [];
    for (let i = 0; i < attempts.length; i += 8) {
      const wave = attempts.slice(i, i + 8);
      results.push(
        ...(await Promise.all(
          wave.map(async ({ user, on }) => {
            const res = await login(on, user.uid, user.password);
            return {
              status: res.status,
              cookie: res.status === 200 ? sessionCookie(res.headers['set-cookie']) : undefined,
              on,
            };
          }),
        )),
      );
    }
    expect(results.map((r) => r.status)).toEqual(attempts.map(() => 200));
    for (const { cookie, on } of results) {
      const other = on === a ? b : a;
      expect((await request(other.url).get('/api/auth/me').set('Cookie', cookie!)).status).toBe(200);
    }
    expect((await scrape(a, key)) + (await scrape(b, key)) - before).toBe(attempts.length);
    const users: { email: string }[] = (await request(a.url).get('/api/admin/users?pageSize=500').set('Cookie', admin))
      .body.items;
    for (const user of LOAD_USERS) expect(users.filter((u) => u.email === user.mail)).toHaveLength(1);
  });

  it('a sync triggered on both at once runs once', async () => {
    // slapd is stopped (SIGSTOP) while both triggers arrive, so the run that takes the lock is
    // still running when the other instance asks, however loaded the machine is: a run over this
    // small directory can otherwise end before the other request is read, and a run that ended
    // rightly no longer holds the lock. slapd goes on after a moment whatever the requests do.
    await ldap.pause();
    const resume = setTimeout(() => ldap.resume(), 3_000);
    try {
      const [onA, onB] = await Promise.all(
        [a, b].map((app) => request(app.url).post('/api/admin/ldap/import').set('Cookie', admin).send({ full: true })),
      );
      expect([onA.status, onB.status].sort()).toEqual([202, 409]);
      const runId = (onA.status === 202 ? onA : onB).body.runId;
      expect((onA.status === 409 ? onA : onB).body.runId).toBe(runId);
      await expectOneSucceededRun(runId);
    } finally {
      clearTimeout(resume);
      ldap.resume();
    }
  });

  const expectOneSucceededRun = async (runId: string) => {
    let status = 'running';
    while (status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await request(b.url).get(`/api/admin/ldap/runs/${runId}`).set('Cookie', admin)).body.status;
    }
    expect(status).toBe('succeeded');
    const runs = (await request(a.url).get('/api/admin/ldap/runs').set('Cookie', admin)).body;
    expect(runs.total).toBe(1);
  };
});
