import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { SyncClient } from './support/sync-harness.js';

// A site's own structural class derived from person, added to the throwaway slapd's schema
// through cn=config. Entries of it do not list "person": only the server knows the hierarchy.
const SITE_SCHEMA = [
  'dn: cn=site,cn=schema,cn=config',
  'objectClass: olcSchemaConfig',
  'cn: site',
  "olcObjectClasses: ( 1.3.6.1.4.1.55555.1.1 NAME 'sitePerson' SUP person STRUCTURAL MAY ( uid $ mail $ givenName $ title ) )",
  '',
].join('\n');
const PERSON = '(objectClass=person)';

describe.each(testDatabases())('who is a user (the scope filter, evaluated by the server) on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('site');
  const colleagues = Array.from({ length: 19 }, (_, i) => personLdif(ou.dn, `colleague${i}`));
  const site = personLdif(ou.dn, 'sam', { objectClass: 'sitePerson', givenName: 'Sam' });

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(SITE_SCHEMA);
    await server.ldapAdd(joinLdif([ou, ...colleagues, site]));
    await c.configure(server, { searchScopes: [{ dn: ou.dn, filter: PERSON }] });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('an entry of a class derived from person signs in, is imported, and is never disabled as missing', async () => {
    const login = await c.t.http().post('/api/auth/login').send({ login: 'sam', password: DEFAULT_PASSWORD });
    expect(login.status).toBe(200);
    const first = await c.sync({ full: true });
    expect(first).toMatchObject({ status: 'succeeded' });
    expect(first.counters).toMatchObject({ seen: 20, created: 19, unchanged: 1, skipped: 0, disabled: 0, failed: 0 });
    const again = await c.sync({ full: true });
    expect(again.counters).toMatchObject({ seen: 20, created: 0, unchanged: 20, skipped: 0, disabled: 0 });
    const users = await c.directoryUsers();
    expect(users.size).toBe(20);
    expect(users.get('sam@example.test')).toMatchObject({ status: 'active', firstName: 'Sam', ldapDn: site.dn });
    expect(await c.logs('event=sync.user.disabled')).toEqual([]);
  });
});
