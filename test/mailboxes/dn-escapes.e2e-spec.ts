import { BASE_DN, FIXTURE_USERS, OUS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sqliteUrl } from '../support/databases.js';
import { FIXTURE_SCOPES, PERSON_FILTER, SyncClient } from '../sync/support/sync-harness.js';

const { alice, bob, carol } = FIXTURE_USERS;
// A group whose name holds a comma, and the filter as Active Directory tools print its DN.
const GROUP_DN = `cn=Support\\, EU,${OUS.groups}`;
const AD_FILTER = '(memberOf=CN=Support\\, EU,OU=groups,DC=example,DC=com)';
const RFC4515_FILTER = '(memberOf=CN=Support\\5c, EU,OU=groups,DC=example,DC=com)';

describe('filters with DNs as Active Directory prints them, on slapd', () => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const http = () => c.t.http();

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap({ tls: 'none' }), sqliteUrl().then((url) => SyncClient.start(url))]);
    expect(BASE_DN).toBe('dc=example,dc=com');
    await server.ldapAdd(
      [`dn: ${GROUP_DN}`, 'objectClass: groupOfNames', 'cn: Support, EU', `member: ${alice.dn}`, `member: ${bob.dn}`]
        .join('\n')
        .concat('\n'),
    );
    await c.configure(server);
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('stores a mailbox filter in RFC 4515 form, says so, and the sync assigns exactly the group members', async () => {
    const created = await http()
      .post('/api/admin/mailboxes')
      .set('Cookie', c.cookie)
      .send({ name: 'Support EU', ldapFilter: AD_FILTER });
    expect(created.status).toBe(201);
    expect(created.body.ldapFilter).toBe(RFC4515_FILTER);
    expect(created.body.notes).toEqual([expect.stringContaining(`ldapFilter: the DN escapes in ${AD_FILTER}`)]);

    const preview = await http()
      .post('/api/admin/mailboxes/preview')
      .set('Cookie', c.cookie)
      .send({ ldapFilter: AD_FILTER });
    expect(preview.status).toBe(200);
    expect(preview.body.users.map((u: { dn: string }) => u.dn).sort()).toEqual([alice.dn, bob.dn].sort());
    expect(preview.body.notes).toHaveLength(1);

    const run = await c.sync();
    expect(run.status).toBe('succeeded');
    const users = await c.directoryUsers();
    const members = await http().get(`/api/admin/mailboxes/${created.body.id}/members`).set('Cookie', c.cookie);
    expect(members.body.directory.map((m: { userId: number }) => m.userId).sort()).toEqual(
      [users.get(alice.mail)!.id, users.get(bob.mail)!.id].sort(),
    );
    expect(users.get(carol.mail)).toBeDefined();
  });

  it('takes the DN as OpenLDAP prints it (\\2C) in a preview: the escape stays in the DN, with a note', async () => {
    const printed = '(memberOf=cn=Support\\2C EU,ou=groups,dc=example,dc=com)';
    const preview = await http()
      .post('/api/admin/mailboxes/preview')
      .set('Cookie', c.cookie)
      .send({ ldapFilter: printed });
    expect(preview.status).toBe(200);
    expect(preview.body.users.map((u: { dn: string }) => u.dn).sort()).toEqual([alice.dn, bob.dn].sort());
    expect(preview.body.notes).toEqual([expect.stringContaining('\\5c2C EU')]);
  });

  it('accepts the same in a scope filter, with a note, and the scope then holds only the group members', async () => {
    const filter = `(&${PERSON_FILTER}${AD_FILTER})`;
    const res = await http()
      .put('/api/admin/ldap/settings')
      .set('Cookie', c.cookie)
      .send({ searchScopes: [{ dn: OUS.people, filter }] });
    expect(res.status).toBe(200);
    expect(res.body.settings.searchScopes).toEqual([
      { dn: OUS.people, filter: `(&${PERSON_FILTER}${RFC4515_FILTER})` },
    ]);
    expect(res.body.notes).toEqual([expect.stringContaining('searchScopes.0.filter: the DN escapes')]);
    const preview = await http()
      .post('/api/admin/mailboxes/preview')
      .set('Cookie', c.cookie)
      .send({ ldapFilter: PERSON_FILTER });
    expect(preview.body.users.map((u: { dn: string }) => u.dn).sort()).toEqual([alice.dn, bob.dn].sort());
    await c.configure(server, { searchScopes: FIXTURE_SCOPES });
  });

  it('still refuses an RFC 4514 escape where no DN is meant, with the field and the reason', async () => {
    const res = await http()
      .post('/api/admin/mailboxes')
      .set('Cookie', c.cookie)
      .send({ name: 'Doe', ldapFilter: '(cn=Doe\\, Jane)' });
    expect(res.status).toBe(400);
    expect(res.body.fields.ldapFilter.join(' ')).toMatch(/DN-valued assertion/);
  });
});
