import { DataSource } from 'typeorm';

import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

describe.each(testDatabases())('readiness on $name', (db) => {
  let t: TestApp;
  let ldap: OpenLdapServer;
  let admin: string;
  const ready = () => t.http().get('/api/health/ready');

  beforeAll(async () => {
    ldap = await startOpenLdap();
    t = await startTestApp(await db.url());
    admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await ldap?.stop();
  });

  it('is ready with LDAP off (the directory is not asked), without a session', async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, directory: { status: 'up', enabled: false } },
    });
  });

  it('with LDAP on: 200 while slapd answers, 503 naming the directory when it is killed or stopped, 200 again when it is back', async () => {
    const saved = await t
      .http()
      .put('/api/admin/ldap/settings')
      .set('Cookie', admin)
      .send(ldapSettingsFor(ldap, { timeoutMs: 1000 }));
    expect(saved.status).toBe(200);
    expect((await ready()).body.details.directory).toEqual({ status: 'up', enabled: true });

    await ldap.kill();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { directory: { status: 'down', enabled: true, reason: 'UNREACHABLE' } },
    });

    await ldap.restart();
    expect((await ready()).status).toBe(200);

    await ldap.pause();
    try {
      const silent = await ready();
      expect(silent.status).toBe(503);
      expect(silent.body.error.directory).toEqual({ status: 'down', enabled: true, reason: 'TIMEOUT' });
    } finally {
      ldap.resume();
    }
    expect((await ready()).status).toBe(200);
    // liveness does not depend on the directory
    expect((await t.http().get('/api/health')).status).toBe(200);
  });

  it('answers 503 naming the database when it is unreachable (liveness too)', async () => {
    await t.app.get(DataSource).destroy();
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.error.database).toEqual({ status: 'down', reason: 'unreachable' });
    expect((await t.http().get('/api/health')).status).toBe(503);
  });
});
