import { generateUsersLdif, type GeneratedUsers } from '../directories/generate.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { IMPORT_PAGE_SIZE } from '../../src/sync/run/import-pass.step.js';
import { testDatabases } from '../support/databases.js';
import { PERSON_FILTER, SyncClient } from './support/sync-harness.js';

const USERS = 5_000;
const CHANGED = [1, 2, 3, 4, 5];

describe('import of a generated directory', () => {
  let generated: GeneratedUsers;
  let server: OpenLdapServer;

  beforeAll(async () => {
    generated = await generateUsersLdif(USERS, { groups: 5 });
    // slapd's default size limit (500) for plain searches: the import must page through it
    server = await startOpenLdap({ tls: 'none', seed: false, bulkLdif: generated.path, sizeLimit: 500 });
  });
  afterAll(() => server?.stop());
  const scopes = () => [{ dn: generated.containerDn, filter: PERSON_FILTER }];

  describe.each(testDatabases())('on $name', (db) => {
    let c: SyncClient;

    beforeAll(async () => {
      c = await SyncClient.start(await db.url());
      await c.configure(server, { searchScopes: scopes(), pageSize: 500 });
    });
    afterAll(() => c?.close());

    it(`imports ${USERS} users completely through a server size limit of 500`, async () => {
      const run = await c.sync();
      expect(run).toMatchObject({
        status: 'succeeded',
        mode: 'full',
        // the import asks for pages of at most IMPORT_PAGE_SIZE (100), whatever pageSize allows
        progress: { pages: USERS / IMPORT_PAGE_SIZE, entries: USERS },
      });
      expect(run.counters).toMatchObject({ seen: USERS, created: USERS, skipped: 0, failed: 0 });
      const users = await c.directoryUsers();
      expect(users.size).toBe(USERS);
      expect(users.get(generated.mail(USERS))).toMatchObject({ status: 'active', ldapDn: generated.dn(USERS) });
    }, 60_000);

    it('slapd killed while paging: the run fails, nobody is disabled, written batches are whole, and the next run succeeds', async () => {
      const title = `Changed for ${db.name}`;
      for (const i of CHANGED) await server.ldapModify(replaceRecord(generated.dn(i), 'title', [title]));
      await c.configure(server, { searchScopes: scopes(), pageSize: 20 });
      const failed = await c.fullRunKilledWhilePaging(server, 2);
      expect(failed).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/search of ou=load,dc=example,dc=com failed/),
      });
      expect(failed.progress.entries).toBeLessThan(USERS);
      expect(failed.counters.disabled).toBe(0);
      let users = [...(await c.directoryUsers()).values()];
      expect(users.filter((u) => u.status !== 'active')).toEqual([]);
      expect(users.filter((u) => u.jobTitle === title)).toHaveLength(failed.counters.updated);

      await server.restart();
      const next = await c.sync({ full: true });
      expect(next).toMatchObject({ status: 'succeeded', progress: { entries: USERS } });
      expect(next.counters).toMatchObject({
        seen: USERS,
        created: 0,
        disabled: 0,
        failed: 0,
        updated: CHANGED.length - failed.counters.updated,
      });
      users = [...(await c.directoryUsers()).values()];
      expect(users.filter((u) => u.jobTitle === title)).toHaveLength(CHANGED.length);
    }, 60_000);
  });
});
