import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';

const SECRET = 'S3cret-bind-pw-for-error-tests';

/** What a newcomer sends by mistake, and what the 400 must say, field by field, in one answer. */
describe.each(testDatabases())('settings errors on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  const put = (body: unknown) =>
    t
      .http()
      .put('/api/admin/ldap/settings')
      .set('Cookie', cookie)
      .send(body as object);
  const get = () => t.http().get('/api/admin/ldap/settings').set('Cookie', cookie);

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('values of the wrong type get their type message only: no merge rule runs on them', async () => {
    const res = await put({ enabled: true, host: 5, searchScopes: 'ou=people,dc=example,dc=com', bindDn: 7 });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({
      host: ['host must be a string'],
      searchScopes: ['searchScopes must be a list of {dn, filter}'],
      bindDn: ['bindDn must be a DN string such as ou=people,dc=example,dc=com'],
    });
    expect(JSON.stringify(res.body.message)).not.toMatch(/required when LDAP is enabled|needs at least one/);
  });

  it('one 400 names the field errors, the merge rules and the bind password at once, and saves nothing', async () => {
    const valid = {
      enabled: true,
      host: 'ldap.example.com',
      bindDn: 'cn=svc,dc=example,dc=com',
      bindPassword: SECRET,
      searchScopes: [{ dn: 'ou=people,dc=example,dc=com', filter: '(objectClass=inetOrgPerson)' }],
    };
    expect((await put(valid)).status).toBe(200);
    const before = (await get()).body;
    const res = await put({
      timeoutMs: 'fast',
      host: 'dc1:389:1',
      bindDn: 'cn=other,dc=example,dc=com',
      sso: { trustedProxies: ['10.0.0.0/33'] },
      sync: { schedule: 'hourly' },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields).sort()).toEqual([
      'bindPassword',
      'host',
      'sso.trustedProxies',
      'sync.schedule',
      'timeoutMs',
    ]);
    expect(res.body.fields.timeoutMs).toEqual(['timeoutMs must be a whole number from 500 to 60000']);
    expect(res.body.fields.bindPassword[0]).toMatch(/re-enter the bind password/);
    expect(res.body.message).toHaveLength(5);
    expect((await get()).body).toEqual(before);
  });

  it.each([
    [{ backupServers: 'dc2' }, 'backupServers', 'backupServers must be a list of {host, port}'],
    [{ backupServers: ['dc2'] }, 'backupServers.0', 'backupServers must be a list of {host, port}'],
    [{ backupServers: null }, 'backupServers', 'backupServers cannot be null: leave it out to keep the stored value'],
    [{ searchScopes: { dn: 'ou=people' } }, 'searchScopes', 'searchScopes must be a list of {dn, filter}'],
    [{ searchScopes: null }, 'searchScopes', 'searchScopes cannot be null: leave it out to keep the stored value'],
    [
      { loginAttributes: 'uid' },
      'loginAttributes',
      'loginAttributes must be a list of attribute names such as ["uid", "mail"]',
    ],
    [
      { attributeMap: ['mail'] },
      'attributeMap',
      'attributeMap must be an object such as {"email": "mail", "firstName": "givenName"}',
    ],
    [{ sso: 'on' }, 'sso', 'sso must be an object such as {"enabled": true, "header": "x-remote-user"}'],
    [
      { sso: { trustedProxies: '127.0.0.1/32' } },
      'sso.trustedProxies',
      'trustedProxies must be a list of addresses or CIDR ranges such as ["127.0.0.1/32"]',
    ],
    [{ sso: { header: null } }, 'sso.header', 'header cannot be null: leave it out to keep the stored value'],
    [{ sync: true }, 'sync', 'sync must be an object such as {"enabled": true, "schedule": "0 * * * *"}'],
    [
      { sync: { maxDisablePercent: '10' } },
      'sync.maxDisablePercent',
      'maxDisablePercent must be a whole number from 0 to 100, written without quotes',
    ],
    [{ port: '389' }, 'port', 'port must be a whole number from 1 to 65535, written without quotes'],
    [{ pageSize: 3 }, 'pageSize', 'pageSize must be a whole number from 10 to 5000'],
    [{ host: null }, 'host', 'host cannot be null: leave it out to keep the stored value'],
    [{ enabled: null }, 'enabled', 'enabled cannot be null: leave it out to keep the stored value'],
    [{ verifyCertificate: 'yes' }, 'verifyCertificate', 'verifyCertificate must be true or false'],
    [{ sso: { enabled: 'true' } }, 'sso.enabled', 'enabled must be true or false, written without quotes'],
    [{ colour: 'blue' }, 'colour', 'colour is not a known field: check its spelling, or leave it out'],
    [{ sync: { every: 5 } }, 'sync.every', 'every is not a known field: check its spelling, or leave it out'],
  ])('%j answers one message in the admin terms', async (body, field, message) => {
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ [field]: [message] });
    expect(JSON.stringify(res.body)).not.toMatch(/elements|nested property|integer number|should not exist/);
  });

  it('a host with two ports says what a host is, not how to write IPv6', async () => {
    const res = await put({ host: 'dc1:389:1', bindPassword: SECRET });
    expect(res.status).toBe(400);
    expect(res.body.fields.host[0]).toMatch(/host must be a host name or address, optionally with :port/);
    expect(JSON.stringify(res.body)).not.toMatch(/IPv6|brackets/);
  });

  it('a body that is not valid JSON is told so, with no parser internals', async () => {
    const res = await t
      .http()
      .put('/api/admin/ldap/settings')
      .set('Cookie', cookie)
      .set('Content-Type', 'application/json')
      .send('{"host": "ldap.example.com",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: 'the request body is not valid JSON', error: 'Bad Request' });
  });

  it('a JSON body that is no object is refused as such', async () => {
    const res = await put(['host', 'ldap.example.com']);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      message: ['the request body must be a JSON object of settings'],
      error: 'Bad Request',
      fields: { '': ['the request body must be a JSON object of settings'] },
    });
  });

  it('the connection test reports every field error of its body in one 400 too', async () => {
    const res = await t
      .http()
      .post('/api/admin/ldap/test')
      .set('Cookie', cookie)
      .send({ port: 'x', backupServers: [{ host: 'dc1:389:1' }], sso: { trustedProxies: ['0.0.0.0/0'] } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['backupServers.0.host', 'port', 'sso.trustedProxies']);
  });

  it.each([
    ['post', '/api/admin/mailboxes', { name: null }, 'name', /name/],
    ['post', '/api/admin/mailboxes', { name: 'Support', ldapFilter: ['(a=b)'] }, 'ldapFilter', /LDAP filter/],
  ])('%s %s %j names the field', async (method, path, body, field, message) => {
    const res = await t.http()[method as 'post'](path).set('Cookie', cookie).send(body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields)).toEqual([field]);
    expect(res.body.fields[field].join(' ')).toMatch(message);
  });

  it('a mailbox renamed to null is refused by field, not stored as null', async () => {
    const created = await t.http().post('/api/admin/mailboxes').set('Cookie', cookie).send({ name: 'Billing' });
    expect(created.status).toBe(201);
    const res = await t
      .http()
      .patch(`/api/admin/mailboxes/${created.body.id}`)
      .set('Cookie', cookie)
      .send({ name: null });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ name: ['name cannot be null: leave it out to keep the stored value'] });
    const back = await t.http().get(`/api/admin/mailboxes/${created.body.id}`).set('Cookie', cookie);
    expect(back.body.name).toBe('Billing');
  });
});
