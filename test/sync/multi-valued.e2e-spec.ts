import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sessionCookie } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { PERSON_FILTER, SyncClient } from './support/sync-harness.js';

// LDAP value order carries no meaning (RFC 4511 §4.1.7): the same set in another order changes nothing.
describe.each(testDatabases())('multi-valued attributes on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('multi');
  const alex = personLdif(ou.dn, 'alex', {
    mail: ['alex.second@example.test', 'alex.first@example.test'],
    givenName: ['Zoe', 'Alexandra'],
  });
  const robin = personLdif(ou.dn, 'robin', { mail: 'robin.b@example.test' });
  const kim = personLdif(ou.dn, 'kim', {
    uid: ['kim', 'kimberly'],
    mail: ['kim.z@example.test', 'kim.a@example.test'],
  });

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, alex, robin, kim]));
    await c.configure(server, { searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }] });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const signIn = (login: string) => c.t.http().post('/api/auth/login').send({ login, password: DEFAULT_PASSWORD });
  const byDn = async (dn: string) => (await c.users()).find((u) => u.ldapDn === dn);

  it('sign-in by a second login value or a second email gives the account an import gives: the lowest email', async () => {
    const viaSecondUid = await signIn('kimberly');
    expect(viaSecondUid.status).toBe(200);
    expect(
      (await c.t.http().get('/api/auth/me').set('Cookie', sessionCookie(viaSecondUid.headers['set-cookie']))).body
        .email,
    ).toBe('kim.a@example.test');
    expect((await signIn('alex.second@example.test')).status).toBe(200);
    expect(await byDn(alex.dn)).toMatchObject({ email: 'alex.first@example.test', firstName: 'Alexandra' });
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ created: 1, updated: 0, unchanged: 2, skipped: 0 });
  });

  it('the same values in another order change nothing', async () => {
    await server.ldapModify(replaceRecord(alex.dn, 'mail', ['alex.first@example.test', 'alex.second@example.test']));
    await server.ldapModify(replaceRecord(alex.dn, 'givenName', ['Alexandra', 'Zoe']));
    await server.ldapModify(replaceRecord(kim.dn, 'mail', ['kim.a@example.test', 'kim.z@example.test']));
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ updated: 0, unchanged: 3 });
    expect(await byDn(alex.dn)).toMatchObject({ email: 'alex.first@example.test', firstName: 'Alexandra' });
  });

  it('while the values hold the current email it stays, even when a lower one is added', async () => {
    await server.ldapModify(replaceRecord(robin.dn, 'mail', ['robin.a@example.test', 'robin.b@example.test']));
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ updated: 0 });
    expect((await byDn(robin.dn))?.email).toBe('robin.b@example.test');
  });

  it('when the current email is gone, the lowest remaining value in lowercase order is taken', async () => {
    await server.ldapModify(replaceRecord(alex.dn, 'mail', ['Alex.Third@example.test', 'alex.second@example.test']));
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ updated: 1 });
    expect((await byDn(alex.dn))?.email).toBe('alex.second@example.test');
  });
});
