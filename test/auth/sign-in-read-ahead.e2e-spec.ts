import type { DirectoryEntry } from '../../src/ldap/client/directory-entry.js';
import { DirectoryService } from '../../src/ldap/directory/directory.service.js';
import { EntryReader } from '../../src/ldap/directory/entry-reader.js';
import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import type { DirectoryProfileInput } from '../../src/users/directory-users.js';
import { DirectoryUsersService } from '../../src/users/directory-users.service.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from '../sync/support/entries.js';
import { PERSON_FILTER, SyncClient } from '../sync/support/sync-harness.js';

// Sign-in reads the users an entry could be while it binds (issue 16). Those rows are a bind's
// time old: they decide only when nothing is to be written; a write is decided on fresh rows.
describe.each(testDatabases())('rows read ahead of the bind on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('ahead');
  const ria = personLdif(ou.dn, 'ria', { sn: 'Rios' });
  const sam = personLdif(ou.dn, 'sam', { sn: 'Sato' });
  const tom = personLdif(ou.dn, 'tom', { sn: 'Tran' });

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, ria, sam, tom]));
    await c.configure(server, { searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }] });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const get = <T>(type: new (...args: never[]) => T): T => c.t.app.get(type);
  const signIn = (login: string) => c.t.http().post('/api/auth/login').send({ login, password: DEFAULT_PASSWORD });
  async function profileOf(login: string): Promise<DirectoryProfileInput> {
    const settings = await get(LdapSettingsService).get();
    const found = await get(DirectoryService).findByLogin(login, settings);
    if (found.kind !== 'found') throw new Error(`${login}: ${found.kind}`);
    const read = EntryReader.for(settings).read(found.entry as DirectoryEntry);
    if (read.kind !== 'user') throw new Error(`${login}: ${read.reason}`);
    return read.profile;
  }

  it('rows that miss a user created meanwhile: decided again on fresh rows, no second user, no error', async () => {
    const profile = await profileOf('ria');
    const ahead = get(DirectoryUsersService).readCandidates(profile);
    await ahead;
    expect((await signIn('ria')).status).toBe(200);
    const created = await get(UsersRepository).getByEmail('ria@example.test');
    const outcome = await get(DirectoryUsersService).upsert(profile, 'ldap', undefined, ahead);
    expect(outcome).toMatchObject({ kind: 'written', action: 'unchanged', user: { id: created!.id } });
    expect((await c.users()).filter((u) => u.email === 'ria@example.test')).toHaveLength(1);
  });

  it('rows that show an old value set right meanwhile: the update is decided on fresh rows (nothing to write)', async () => {
    expect((await signIn('sam')).status).toBe(200);
    const users = get(UsersRepository);
    const user = (await users.getByEmail('sam@example.test'))!;
    await users.update(user.id, { lastName: 'Old' });
    const profile = await profileOf('sam');
    const ahead = get(DirectoryUsersService).readCandidates(profile);
    expect((await ahead)?.byDn(sam.dn)?.lastName).toBe('Old');
    await users.update(user.id, { lastName: 'Sato' });
    const outcome = await get(DirectoryUsersService).upsert(profile, 'ldap', undefined, ahead);
    expect(outcome).toMatchObject({ kind: 'written', action: 'unchanged', user: { id: user.id, lastName: 'Sato' } });
  });

  it('rows that need no write are the answer: no further read (a change made after them is seen at the next sign-in)', async () => {
    expect((await signIn('tom')).status).toBe(200);
    const users = get(UsersRepository);
    const user = (await users.getByEmail('tom@example.test'))!;
    const profile = await profileOf('tom');
    const ahead = get(DirectoryUsersService).readCandidates(profile);
    await ahead;
    await users.update(user.id, { lastName: 'Changed here' });
    const outcome = await get(DirectoryUsersService).upsert(profile, 'ldap', undefined, ahead);
    expect(outcome).toMatchObject({ kind: 'written', action: 'unchanged', user: { id: user.id, lastName: 'Tran' } });
    // the next sign-in reads the rows again and writes the directory's value back
    expect((await signIn('tom')).status).toBe(200);
    expect((await users.getByEmail('tom@example.test'))?.lastName).toBe('Tran');
  });
});
