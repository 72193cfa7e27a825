import { serverHealth } from '../../src/ldap/client/server-health.js';
import { generateUsersLdif, type GeneratedUsers } from '../directories/generate.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { PERSON_FILTER, SyncClient } from './support/sync-harness.js';

const USERS = 2_000;

/*
 * Two slapd instances loaded from the same LDIF (told apart by uid, as replicas would be by their
 * shared entryUUID); the first is killed while a full sync pages through it.
 */
describe.each(testDatabases())('sync with two directory servers, the first killed mid-paging, on $name', (db) => {
  let generated: GeneratedUsers;
  let first: OpenLdapServer;
  let second: OpenLdapServer;
  let c: SyncClient;
  const scopes = () => [{ dn: generated.containerDn, filter: PERSON_FILTER }];
  const pagedSearches = async (server: OpenLdapServer) =>
    (await server.accessLog()).filter((line) => line.includes(`SRCH base="${generated.containerDn}"`)).length;

  beforeAll(async () => {
    generated = await generateUsersLdif(USERS, { groups: 5 });
    [first, second] = await Promise.all(
      [0, 1].map(() => startOpenLdap({ tls: 'none', seed: false, bulkLdif: generated.path })),
    );
    c = await SyncClient.start(await db.url());
    await c.configure(first, {
      searchScopes: scopes(),
      backupServers: [{ host: second.host, port: second.port }],
      uidAttribute: 'uid',
      pageSize: 500,
    });
  });
  afterAll(async () => {
    await c?.close();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('fails with nobody disabled and no page asked of the other server; the next run succeeds on the other server', async () => {
    const imported = await c.sync({ full: true });
    expect(imported).toMatchObject({ status: 'succeeded', counters: { seen: USERS, created: USERS } });
    expect(await pagedSearches(first)).toBeGreaterThan(0);
    expect(await pagedSearches(second)).toBe(0);

    await c.configure(first, {
      searchScopes: scopes(),
      backupServers: [{ host: second.host, port: second.port }],
      uidAttribute: 'uid',
      pageSize: 20,
    });
    const failed = await c.fullRunKilledWhilePaging(first, 1);
    expect(failed).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/search of ou=load,dc=example,dc=com failed/),
    });
    expect(failed.progress.entries).toBeLessThan(USERS);
    expect(failed.counters.disabled).toBe(0);
    const users = [...(await c.directoryUsers()).values()];
    expect(users).toHaveLength(USERS);
    expect(users.filter((u) => u.status !== 'active')).toEqual([]);
    // the search was not resumed (its paging cookie sent) on the other server
    expect(await pagedSearches(second)).toBe(0);
    expect(serverHealth.isDown(`${first.host}:${first.port}`)).toBe(true);

    const next = await c.sync({ full: true });
    expect(next).toMatchObject({ status: 'succeeded', progress: { entries: USERS } });
    expect(next.counters).toMatchObject({ seen: USERS, created: 0, disabled: 0, failed: 0 });
    expect(await pagedSearches(second)).toBeGreaterThan(0);
    expect([...(await c.directoryUsers()).values()].filter((u) => u.status !== 'active')).toEqual([]);
  }, 120_000);
});
