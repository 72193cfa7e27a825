import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from '../sync/support/entries.js';
import { PERSON_FILTER, SyncClient } from '../sync/support/sync-harness.js';

const SSO = { enabled: true, header: 'x-remote-user', trustedProxies: ['127.0.0.1/32', '::1/128'], autoCreate: true };
const LOCAL_PASSWORD = 'a-local-password-for-tests';

// One rule for sign-in, SSO and import: the account already holding an email keeps it; the other
// entry is refused with that reason. A database constraint is never a "directory error".
describe.each(testDatabases())('one duplicate-email rule on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('dup');
  const kai = personLdif(ou.dn, 'kai', { mail: 'kai@example.test', userPassword: DEFAULT_PASSWORD });
  const kadmin = personLdif(ou.dn, 'kadmin', { mail: 'kai@example.test', userPassword: LOCAL_PASSWORD });
  const lee = personLdif(ou.dn, 'lee', { mail: 'lee@example.test' });

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, kai, kadmin, lee]));
    await c.configure(server, {
      searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }],
      fallbackToLocal: true,
      sso: SSO,
    });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const signIn = (login: string, password = DEFAULT_PASSWORD) =>
    c.t.http().post('/api/auth/login').send({ login, password });
  const linesAbout = async (query: string, who: string) => (await c.logs(query)).filter((l) => l.message.includes(who));

  it('sign-in: the second entry with a held email is refused with the reason, no database error, no local fallback', async () => {
    expect((await signIn('kai')).status).toBe(200);
    const refused = await signIn('kadmin', LOCAL_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ message: 'Invalid login or password' });
    const blocked = await linesAbout('event=login.blocked', 'kadmin');
    expect(blocked).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `duplicate email: ${kadmin.dn} has email kai@example.test, already used by ${kai.dn}, which keeps it`,
        ),
      }),
    ]);
    const all = (await c.logs('q=kadmin')).map((l) => l.message).join('\n');
    expect(all).not.toMatch(/directory error|UNIQUE|Duplicate entry|constraint/i);
    expect(await c.logs('event=login.failed.fallback')).toEqual([]);
    expect((await c.logs('q=kadmin')).some((l) => l.details?.method === 'local')).toBe(false);
  });

  it('SSO: the same refusal', async () => {
    const res = await c.t.http().get('/api/auth/me').set('X-Remote-User', 'kadmin');
    expect(res.status).toBe(403);
    const blocked = await c.logs('event=sso.blocked');
    expect(blocked).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `duplicate email: ${kadmin.dn} has email kai@example.test, already used by ${kai.dn}`,
        ),
      }),
    ]);
  });

  it('import: the same rule and the same reason', async () => {
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ created: 1, unchanged: 1, skipped: 1, failed: 0 });
    const skipped = await c.logs(`runId=${run.id}&event=sync.user.skipped`);
    expect(skipped).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({
          reason: 'duplicate email',
          detail: expect.stringContaining(
            `${kadmin.dn} has email kai@example.test, already used by ${kai.dn}, which keeps it`,
          ),
        }),
      }),
    ]);
    expect((await c.users()).filter((u) => u.email === 'kai@example.test')).toEqual([
      expect.objectContaining({ ldapDn: kai.dn }),
    ]);
  });

  it('a directory change that gives a user an email a local account holds: the local account keeps it, everywhere', async () => {
    const local = await c.t
      .http()
      .post('/api/admin/users')
      .set('Cookie', c.cookie)
      .send({ email: 'lee.local@example.test', password: LOCAL_PASSWORD });
    expect(local.status).toBe(201);
    await server.ldapModify(replaceRecord(lee.dn, 'mail', ['lee.local@example.test']));
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ updated: 0, skipped: 2, disabled: 0, failed: 0 });
    expect((await c.logs(`runId=${run.id}&event=sync.user.skipped`)).map((l) => l.details?.detail)).toContainEqual(
      expect.stringContaining(
        `duplicate email: ${lee.dn} has email lee.local@example.test, already used by the local account lee.local@example.test, which keeps it`,
      ),
    );
    expect((await signIn('lee')).status).toBe(401);
    expect(await linesAbout('event=login.blocked', 'lee')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('already used by the local account lee.local@example.test'),
      }),
    ]);
    const users = await c.users();
    expect(users.find((u) => u.ldapDn === lee.dn)).toMatchObject({ email: 'lee@example.test', status: 'active' });
    expect(users.find((u) => u.email === 'lee.local@example.test')).toMatchObject({
      authSource: 'local',
      ldapDn: null,
    });
    expect((await signIn('lee.local@example.test', LOCAL_PASSWORD)).status).toBe(200);
  });
});
