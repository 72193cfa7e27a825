import { testDatabases } from '../support/databases.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';

describe.each(testDatabases())('LDAP settings guards on $name', (db) => {
  let t: TestApp;
  let cookie: string;
  const put = (body: unknown) =>
    t
      .http()
      .put('/api/admin/ldap/settings')
      .set('Cookie', cookie)
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp(await db.url());
    cookie = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t?.close());

  it.each([
    [['0.0.0.0/1', '128.0.0.0/1'], /together these would trust every address \(all of IPv4\)/],
    [['::ffff:0.0.0.0/97', '::ffff:128.0.0.0/97'], /together these would trust every address \(all of IPv4\)/],
    [['::/1', '8000::/1'], /together these would trust every address \(all of IPv6\)/],
    [['0.0.0.0/0'], /together these would trust every address/],
    [['0.0.0.0/1'], /0\.0\.0\.0\/1 is wider than \/8 and would trust much of the internet/],
    [['2000::/3'], /2000::\/3 is wider than \/7/],
  ])('refuses trusted proxies %j, naming the field', async (trustedProxies, message) => {
    const res = await put({ sso: { trustedProxies } });
    expect(res.status).toBe(400);
    expect(res.body.fields['sso.trustedProxies']).toEqual([expect.stringMatching(message)]);
  });

  it('accepts the widest private ranges as trusted proxies', async () => {
    const res = await put({ sso: { trustedProxies: ['10.0.0.0/8', 'fc00::/7', '127.0.0.1'] } });
    expect(res.status).toBe(200);
    expect(res.body.settings.sso.trustedProxies).toEqual(['10.0.0.0/8', 'fc00::/7', '127.0.0.1']);
  });

  it('a save that changes nothing keeps the version and writes no log line', async () => {
    const saved = await put({ timeoutMs: 7000 });
    expect(saved.status).toBe(200);
    const { version } = saved.body.settings;
    const logged = async () =>
      (await t.http().get('/api/admin/logs/ldap?event=settings').set('Cookie', cookie)).body.total as number;
    const before = await logged();
    for (const body of [{}, { timeoutMs: 7000 }, { timeoutMs: 7000, version }]) {
      const res = await put(body);
      expect(res.status).toBe(200);
      expect(res.body.settings).toEqual(saved.body.settings);
    }
    expect(await logged()).toBe(before);
    // A stale editor still gets on with a real change: nobody else bumped the version.
    const next = await put({ timeoutMs: 8000, version });
    expect(next.status).toBe(200);
    expect(next.body.settings.version).toBe(version + 1);
    expect(await logged()).toBe(before + 1);
  });

  it.each(['', '  \n '])('takes caCertificate %j for null: the system trust store', async (caCertificate) => {
    const res = await put({ caCertificate });
    expect(res.status).toBe(200);
    expect(res.body.settings.caCertificate).toBeNull();
  });
});
