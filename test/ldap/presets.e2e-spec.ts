import { FLAVOURS } from '../../src/ldap/flavours/index.js';
import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';

describe.each(testDatabases())('GET /api/admin/ldap/presets on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  const presets = (as: string) => t.http().get('/api/admin/ldap/presets').set('Cookie', as);

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it('lists every directory type a settings PUT takes as preset, with the values it fills in', async () => {
    const res = await presets(cookie);
    expect(res.status).toBe(200);
    expect(res.body.map((p: { name: string }) => p.name)).toEqual(FLAVOURS.map((f) => f.name));
    expect(res.body.find((p: { name: string }) => p.name === 'active-directory')).toEqual({
      name: 'active-directory',
      label: 'Active Directory',
      loginAttributes: ['sAMAccountName', 'userPrincipalName', 'mail'],
      userFilter: '(&(objectCategory=person)(objectClass=user))',
      attributeMap: {
        email: 'mail',
        firstName: 'givenName',
        lastName: 'sn',
        jobTitle: 'title',
        phone: 'telephoneNumber',
      },
      uidAttribute: 'objectGUID',
    });
  });

  it('each listed preset is what a PUT with that preset stores', async () => {
    const put = (body: object) => t.http().put('/api/admin/ldap/settings').set('Cookie', cookie).send(body);
    expect(
      (await put({ searchScopes: [{ dn: 'ou=people,dc=example,dc=com', filter: '(objectClass=person)' }] })).status,
    ).toBe(200);
    for (const preset of (await presets(cookie)).body as Record<string, unknown>[]) {
      const saved = await put({ preset: preset.name });
      expect(saved.status).toBe(200);
      expect(saved.body.settings).toMatchObject({
        loginAttributes: preset.loginAttributes,
        attributeMap: preset.attributeMap,
        uidAttribute: preset.uidAttribute,
        searchScopes: [{ dn: 'ou=people,dc=example,dc=com', filter: preset.userFilter }],
      });
    }
  });

  it('is for admins only', async () => {
    await t
      .http()
      .post('/api/admin/users')
      .set('Cookie', cookie)
      .send({ email: 'agent-presets@example.com', password: 'agent-password-123' })
      .expect(201);
    const agent = await t.signIn('agent-presets@example.com', 'agent-password-123');
    expect((await presets(agent)).status).toBe(403);
    expect((await t.http().get('/api/admin/ldap/presets')).status).toBe(401);
  });
});
