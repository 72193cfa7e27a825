import { FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const { alice, bob } = FIXTURE_USERS;

/** Prometheus text format → { 'name{label="v",...}': value } (labels as printed). */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe.each(testDatabases())('metrics on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;
  const scrape = async () => {
    const res = await t.http().get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(res.text);
  };
  const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;
  const login = (l: string, p: string) => t.http().post('/api/auth/login').send({ login: l, password: p });

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url(), { metrics: { token: TOKEN, allow: [] } });
    admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const saved = await t.http().put('/api/admin/ldap/settings').set('Cookie', admin).send(ldapSettingsFor(ldap));
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('counts a known sequence of sign-ins and a sync, and the users by source and status', async () => {
    const server = `127.0.0.1:${ldap.port}`;
    const refusedBinds = async () =>
      (await ldap.accessLog()).filter((line) => / RESULT tag=97 err=(?!0 )\d+ /.test(line)).length;
    const [before, refusedBefore] = [await scrape(), await refusedBinds()];
    expect((await login(alice.uid, alice.password)).status).toBe(200);
    expect((await login(bob.mail, bob.password)).status).toBe(200);
    expect((await login(alice.uid, 'wrong-password')).status).toBe(401);
    expect((await login('nobody-at-all', 'whatever')).status).toBe(401);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);

    const started = await t.http().post('/api/admin/ldap/import').set('Cookie', admin).send({ full: true });
    expect(started.status).toBe(202);
    let run: { status: string; mode: string };
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await t.http().get(`/api/admin/ldap/runs/${started.body.runId}`).set('Cookie', admin)).body;
    } while (run.status === 'running');
    expect(run).toMatchObject({ status: 'succeeded', mode: 'full' });

    const after = await scrape();
    const delta = (key: string) => value(after, key) - value(before, key);
    expect(delta('helpdesk_sign_ins_total{outcome="success",method="ldap"}')).toBe(2);
    expect(delta('helpdesk_sign_ins_total{outcome="success",method="local"}')).toBe(1);
    expect(delta('helpdesk_sign_ins_total{outcome="failure",method="password"}')).toBe(2);
    expect(delta('helpdesk_sync_runs_total{status="succeeded",mode="full"}')).toBe(1);
    expect(delta('helpdesk_sync_run_duration_seconds_count{status="succeeded",mode="full"}')).toBe(1);
    // the binds the server refused, as slapd's own log counts them
    const refused = (await refusedBinds()) - refusedBefore;
    expect(refused).toBeGreaterThan(0);
    expect(
      delta(`helpdesk_ldap_operation_duration_seconds_count{operation="bind",server="${server}",result="error"}`),
    ).toBe(refused);
    expect(
      delta(`helpdesk_ldap_operation_duration_seconds_count{operation="bind",server="${server}",result="ok"}`),
    ).toBeGreaterThanOrEqual(3);
    expect(
      delta(`helpdesk_ldap_operation_duration_seconds_count{operation="search",server="${server}",result="ok"}`),
    ).toBeGreaterThanOrEqual(3);
    expect(value(after, `helpdesk_ldap_server_up{server="${server}"}`)).toBe(1);
    // sequential sign-ins reuse one pooled connection (the previous app's pool was closed with it)
    expect(value(after, 'helpdesk_ldap_bind_pool_connections')).toBe(1);

    const users: { authSource: string; status: string }[] = (
      await t.http().get('/api/admin/users?pageSize=500').set('Cookie', admin)
    ).body.items;
    const expected = new Map<string, number>();
    for (const u of users) {
      const key = `helpdesk_users{source="${u.authSource}",status="${u.status}"}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(expected.get('helpdesk_users{source="ldap",status="active"}')).toBeGreaterThan(2);
    for (const [key, count] of expected) expect(value(after, key)).toBe(count);
  });

  it('marks the server down when it stops answering, and up again when it is back', async () => {
    const server = `127.0.0.1:${ldap.port}`;
    await ldap.kill();
    try {
      await login(alice.uid, alice.password);
      expect(value(await scrape(), `helpdesk_ldap_server_up{server="${server}"}`)).toBe(0);
    } finally {
      await ldap.restart();
    }
    expect((await login(alice.uid, alice.password)).status).toBe(200);
    expect(value(await scrape(), `helpdesk_ldap_server_up{server="${server}"}`)).toBe(1);
  });

  it('is refused without an admin session, the token or an allowed address', async () => {
    expect((await t.http().get('/api/metrics')).status).toBe(401);
    expect((await t.http().get('/api/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await t.http().get('/api/metrics').set('Authorization', 'Bearer ')).status).toBe(401);
    const agent = await t.signIn(alice.uid, alice.password);
    const asAgent = await t.http().get('/api/metrics').set('Cookie', agent);
    expect(asAgent.status).toBe(403);
    expect(asAgent.text).not.toContain('helpdesk_');
    const asAdmin = await t.http().get('/api/metrics').set('Cookie', admin);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.text).toContain('# TYPE helpdesk_sign_ins_total counter');
  });

  it('lets in a configured address (CIDR) without credentials, and only that one', async () => {
    const open = await startTestApp(await db.url(), { metrics: { allow: ['127.0.0.0/8', '::1/128'] } });
    const closed = await startTestApp(await db.url(), { metrics: { allow: ['10.0.0.0/8'] } });
    try {
      // supertest connects over loopback: 127.0.0.1 or ::1
      expect((await open.http().get('/api/metrics')).status).toBe(200);
      expect((await closed.http().get('/api/metrics')).status).toBe(401);
    } finally {
      await open.close();
      await closed.close();
    }
  });
});
