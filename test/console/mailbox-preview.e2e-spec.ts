import { FIXTURE_GROUPS, FIXTURE_USERS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { generateUsersLdif, type GeneratedUsers } from '../directories/generate.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { FIXTURE_SCOPES, PERSON_FILTER, SyncClient } from '../sync/support/sync-harness.js';

const { alice, carol, bob, smith } = FIXTURE_USERS;
const memberOf = (group: keyof typeof FIXTURE_GROUPS) => `(memberOf=${FIXTURE_GROUPS[group].dn})`;

interface Preview {
  count: number;
  countExact: boolean;
  users: { dn: string; email: string | null; name: string | null }[];
  limitExceeded: string | null;
  elapsedMs: number;
}

describe.each(testDatabases())(
  'mailbox preview, members, dry-run samples and dashboard against slapd on $name',
  (db) => {
    let server: OpenLdapServer;
    let bulk: GeneratedUsers;
    let c: SyncClient;
    const preview = (ldapFilter: string) =>
      c.t.http().post('/api/admin/mailboxes/preview').set('Cookie', c.cookie).send({ ldapFilter });

    beforeAll(async () => {
      bulk = await generateUsersLdif(1200, { ous: 2, groups: 2 });
      [server, c] = await Promise.all([
        startOpenLdap({ tls: 'none', bulkLdif: bulk.path }),
        db.url().then((url) => SyncClient.start(url)),
      ]);
      await c.configure(server);
    });
    afterAll(async () => {
      await c?.close();
      await server?.stop();
    });

    it('counts the users a group filter matches in the search scopes, sorted by email', async () => {
      const res = await preview(memberOf('support'));
      expect(res.status).toBe(200);
      const body = res.body as Preview;
      expect(body).toMatchObject({ count: 2, countExact: true, limitExceeded: null });
      expect(body.users).toEqual(
        [alice, carol]
          .sort((a, b) => (a.mail < b.mail ? -1 : 1))
          .map((u) => ({ dn: u.dn, email: u.mail, name: `${u.givenName} ${u.sn}` })),
      );
      expect(body.elapsedMs).toBeGreaterThanOrEqual(0);
    });

    it('stops counting above 1,000 users and says so', async () => {
      await c.configure(server, { searchScopes: [...FIXTURE_SCOPES, { dn: bulk.containerDn, filter: PERSON_FILTER }] });
      const body = (await preview('(objectClass=*)')).body as Preview;
      expect(body).toMatchObject({ count: 1000, countExact: false, limitExceeded: 'more than 1,000 users match' });
      expect(body.users).toHaveLength(20);
      const emails = body.users.map((u) => u.email!);
      expect(emails).toEqual([...emails].sort());
      await c.configure(server);
    });

    it('answers a directory error with 502, its message and the hint', async () => {
      await c.configure(server, { searchScopes: [{ dn: 'ou=nowhere,dc=example,dc=com', filter: PERSON_FILTER }] });
      const res = await preview(memberOf('support'));
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ code: 'NO_SUCH_OBJECT', message: expect.any(String), hint: expect.any(String) });
      await c.configure(server);
    });

    it('a dry run samples up to 10 rows of each action, skips with their reason included', async () => {
      await c.configure(server, { searchScopes: [...FIXTURE_SCOPES, { dn: bulk.containerDn, filter: PERSON_FILTER }] });
      const run = await c.sync({ dryRun: true });
      expect(run.counters.created).toBeGreaterThan(1000);
      const byAction = (action: string) => run.sample.filter((s) => s.action === action);
      expect(byAction('create')).toHaveLength(10);
      expect(byAction('skip')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ dn: FIXTURE_USERS.nomail.dn, reason: 'no email attribute' }),
        ]),
      );
      expect(byAction('skip').length).toBeLessThanOrEqual(10);
      await c.configure(server);
    });

    it('lists directory members apart from manual ones after a sync', async () => {
      const box = (
        await c.t
          .http()
          .post('/api/admin/mailboxes')
          .set('Cookie', c.cookie)
          .send({ name: 'Sales', ldapFilter: memberOf('sales') })
          .expect(201)
      ).body;
      expect((await c.sync()).status).toBe('succeeded');
      const users = await c.directoryUsers();
      await c.t
        .http()
        .post(`/api/admin/mailboxes/${box.id}/members`)
        .set('Cookie', c.cookie)
        .send({ userId: users.get(alice.mail)!.id })
        .expect(204);
      const res = await c.t.http().get(`/api/admin/mailboxes/${box.id}/members`).set('Cookie', c.cookie);
      expect(res.body.directory.map((m: { email: string }) => m.email)).toEqual([bob.mail, smith.mail].sort());
      expect(res.body.manual).toEqual([
        expect.objectContaining({
          email: alice.mail,
          authSource: 'ldap',
          status: 'active',
          firstName: alice.givenName,
        }),
      ]);
    });

    it('shows the last connection test, the last run, run speeds and the next scheduled run on the dashboard', async () => {
      const test = (body: object) => c.t.http().post('/api/admin/ldap/test').set('Cookie', c.cookie).send(body);
      const dashboard = async () => (await c.t.http().get('/api/admin/dashboard').set('Cookie', c.cookie)).body;
      // the stored settings (the same password sent again is no change)
      expect((await test({ bindPassword: SERVICE_ACCOUNT.password }).expect(200)).body.ok).toBe(true);
      let body = await dashboard();
      expect(body.directory).toMatchObject({
        enabled: true,
        host: server.host,
        lastTest: { ok: true, failedStep: null, message: null },
      });
      const stored = body.directory.lastTest.at;
      // values not saved: their failure says nothing of the directory in use, so the dashboard keeps the stored test
      expect((await test({ bindPassword: 'wrong-password' }).expect(200)).body.ok).toBe(false);
      expect((await test({ port: 1 }).expect(200)).body.ok).toBe(false);
      body = await dashboard();
      expect(body.directory.lastTest).toMatchObject({ ok: true, failedStep: null, at: stored });
      await c.configure(server, { sync: { enabled: true, schedule: '*/5 * * * *' } });
      body = await dashboard();
      expect(body.directory.lastTest).toMatchObject({ ok: true, failedStep: null, message: null });
      expect(Date.parse(body.sync.nextRunAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
      expect(body.sync.lastRun).toMatchObject({ status: 'succeeded', mode: 'full' });
      expect(body.runs.map((r: { mode: string }) => r.mode)).toEqual(['dry-run', 'full']);
      expect(body.runs[1]).toMatchObject({
        status: 'succeeded',
        seen: expect.any(Number),
        usersPerSecond: expect.any(Number),
      });
      await c.configure(server, { sync: { enabled: false } });
    });
  },
);
