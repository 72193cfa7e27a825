import { SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

const SECRET = 'S3cret-bind-pw-that-must-never-leak';

describe.each(testDatabases())('LDAP settings API on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  const put = (body: object) => t.http().put('/api/admin/ldap/settings').set('Cookie', cookie).send(body);
  const get = () => t.http().get('/api/admin/ldap/settings').set('Cookie', cookie);

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  const valid = {
    enabled: true,
    host: 'ldaps://ldap.example.com:1636',
    bindDn: 'cn=svc-ldap,dc=example,dc=com',
    bindPassword: SECRET,
    searchScopes: [{ dn: 'ou=people,dc=example,dc=com', filter: '(objectClass=inetOrgPerson)' }],
  };

  it('saves, splits a URL host into host, port and encryption, and says what it understood', async () => {
    const res = await put(valid);
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      host: 'ldap.example.com',
      port: 1636,
      encryption: 'ssl',
      bindPassword: '********',
    });
    expect(res.body.notes.join(' ')).toMatch(/ldap\.example\.com/);
    const back = await get();
    expect(back.body).toMatchObject({
      enabled: true,
      host: 'ldap.example.com',
      port: 1636,
      encryption: 'ssl',
      bindPassword: '********',
      verifyCertificate: true,
    });
  });

  it('a save carrying the version its edit began from is refused (409) once someone else saved, and nothing changes', async () => {
    const start = (await get()).body.version as number;
    expect((await put({ version: start, timeoutMs: 4000 })).status).toBe(200);
    const stale = await put({ version: start, timeoutMs: 4500 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/changed by admin@example\.com since this edit began/);
    expect((await get()).body).toMatchObject({ timeoutMs: 4000, version: start + 1 });
    expect((await put({ version: start + 1, timeoutMs: 5000 })).status).toBe(200);
    expect((await get()).body).not.toHaveProperty('settings.version');
  });

  it('a PUT carrying the mask keeps the stored secret; changing the target without it is refused', async () => {
    expect((await put({ bindPassword: '********', timeoutMs: 3000 })).status).toBe(200);
    expect((await get()).body.bindPassword).toBe('********');
    const moved = await put({ host: 'evil.example.net' });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body.message)).toMatch(/re-enter the bind password/);
    const movedWithMask = await put({ bindDn: 'cn=other,dc=example,dc=com', bindPassword: '********' });
    expect(movedWithMask.status).toBe(400);
    expect((await get()).body.host).toBe('ldap.example.com');
    expect((await put({ host: 'ldap2.example.com', bindPassword: SECRET })).status).toBe(200);
  });

  it.each([
    [{ host: 'http://ldap.example.com' }, /host must be a host name or IP address such as ldap\.example\.com/],
    [{ host: 'ldap.example.com/ou=people' }, /host/],
    [{ host: 'ldap example com' }, /host must not contain spaces/],
    [{ port: 70000 }, /port must be a whole number from 1 to 65535/],
    [{ encryption: 'tls' }, /encryption must be none, ssl or starttls/],
    [{ caCertificate: 'not a certificate' }, /caCertificate must be one or more PEM certificates/],
    [{ timeoutMs: 100 }, /timeoutMs must be a whole number from 500 to 60000/],
    [{ bindDn: 'dc=example,,dc=com' }, /bindDn is not a valid DN/],
    [{ searchScopes: [{ dn: 'ou=people', filter: '(objectClass=person' }] }, /filter is not a valid LDAP filter/],
    [{ searchScopes: [{ dn: 'ou people', filter: '(objectClass=person)' }] }, /dn is not a valid DN/],
    [{ loginAttributes: [] }, /loginAttributes must name at least one attribute/],
    [{ attributeMap: { firstName: 'givenName' } }, /attributeMap\.email must be an attribute name/],
    [{ sso: { enabled: true, trustedProxies: ['0.0.0.0/0'] } }, /would trust every address/],
    [{ sso: { trustedProxies: ['10.0.0.0/33'] } }, /sso\.trustedProxies/],
    [{ colour: 'blue' }, /colour is not a known field/],
  ])('refuses %j naming the field', async (body, message) => {
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });

  it('never returns the secret, and the LDAP log names the change without it', async () => {
    const settings = await get();
    expect(JSON.stringify(settings.body)).not.toContain(SECRET);
    const logs = await t.http().get('/api/admin/logs/ldap?event=settings').set('Cookie', cookie);
    expect(logs.body.total).toBeGreaterThan(0);
    expect(JSON.stringify(logs.body)).toMatch(/bindPassword/);
    expect(JSON.stringify(logs.body)).not.toContain(SECRET);
  });

  it('an agent cannot read the settings', async () => {
    await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .send({ email: 'agent2@example.com', password: 'agent-password-123' });
    const agentCookie = await t.signIn('agent2@example.com', 'agent-password-123');
    expect((await t.http().get('/api/admin/ldap/settings').set('Cookie', agentCookie)).status).toBe(403);
  });

  describe('a partial update against a real slapd never lowers the encryption', () => {
    let slapd: OpenLdapServer;
    const tlsStep = async () => {
      const res = await t.http().post('/api/admin/ldap/test').set('Cookie', cookie).send({});
      return (res.body.steps as { step: string; message: string }[]).find((s) => s.step === 'tls')?.message;
    };

    beforeAll(async () => {
      slapd = await startOpenLdap();
    });
    afterAll(() => slapd?.stop());

    it('an ldap:// URL keeps StartTLS and its port, and the notes say so; ldaps:// and encryption none change it', async () => {
      expect((await put(ldapSettingsFor(slapd))).status).toBe(200);
      const url = await put({ host: `ldap://127.0.0.1:${slapd.port}`, bindPassword: SERVICE_ACCOUNT.password });
      expect(url.status).toBe(200);
      expect(url.body.settings).toMatchObject({
        host: '127.0.0.1',
        port: slapd.port,
        encryption: 'starttls',
        caCertificate: slapd.caCertPem,
      });
      expect(url.body.notes.join('\n')).toMatch(/encryption starttls kept/);
      expect(await tlsStep()).toMatch(/StartTLS established, certificate verified/);

      const noPort = await put({ host: 'ldap://127.0.0.1', bindPassword: SERVICE_ACCOUNT.password });
      expect(noPort.body.settings).toMatchObject({ port: slapd.port, encryption: 'starttls' });
      expect(noPort.body.notes.join('\n')).toMatch(new RegExp(`port ${slapd.port} kept`));

      const ldaps = await put({ host: `ldaps://127.0.0.1:${slapd.ldapsPort}`, bindPassword: SERVICE_ACCOUNT.password });
      expect(ldaps.body.settings).toMatchObject({ port: slapd.ldapsPort, encryption: 'ssl' });
      expect(await tlsStep()).toMatch(/established, certificate verified/);

      const back = await put({ host: `ldap://127.0.0.1:${slapd.port}`, bindPassword: SERVICE_ACCOUNT.password });
      expect(back.body.settings).toMatchObject({ port: slapd.port, encryption: 'starttls' });

      const plain = await put({ encryption: 'none', bindPassword: SERVICE_ACCOUNT.password });
      expect(plain.body.settings).toMatchObject({ port: slapd.port, encryption: 'none' });
      expect(plain.body.notes.join('\n')).toMatch(/clear text/);
      expect(await tlsStep()).toMatch(/no encryption/);
    });
  });
});
