import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from '../sync/support/entries.js';
import { PERSON_FILTER, SyncClient } from '../sync/support/sync-harness.js';

const LOCAL_PASSWORD = 'pat-local-password-1';

// Linking a local account to a directory entry by email is a trust decision: never silent for an
// account with role admin or a local password of its own; an admin links it explicitly.
describe.each(testDatabases())('linking local accounts to directory entries on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('link');
  const mallory = personLdif(ou.dn, 'mallory', { mail: ADMIN_EMAIL });
  const pat = personLdif(ou.dn, 'pat', { mail: ['patrick@example.test', 'pat@example.test'] });
  let patId: number;

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, mallory, pat]));
    await c.configure(server, { searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }], fallbackToLocal: true });
    const created = await c.t
      .http()
      .post('/api/admin/users')
      .set('Cookie', c.cookie)
      .send({ email: 'pat@example.test', password: LOCAL_PASSWORD });
    patId = created.body.id;
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const signIn = (login: string, password = DEFAULT_PASSWORD) =>
    c.t.http().post('/api/auth/login').send({ login, password });
  const userRow = async (email: string) => (await c.users()).find((u) => u.email === email);

  it("an entry with the admin's address does not take over the admin account", async () => {
    const res = await signIn('mallory');
    expect(res.status).toBe(401);
    const blocked = (await c.logs('event=login.blocked')).filter((l) => l.message.includes('mallory'));
    expect(blocked).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `already used by the local account ${ADMIN_EMAIL}, which keeps it (a local account with role admin is not linked by email`,
        ),
      }),
    ]);
    expect(await userRow(ADMIN_EMAIL)).toMatchObject({ role: 'admin', authSource: 'local', ldapDn: null });
    expect((await signIn(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it("an entry whose second email is a local agent's (own password) is refused at sign-in and import alike", async () => {
    expect((await signIn('pat')).status).toBe(401);
    const reason = `already used by the local account pat@example.test, which keeps it (a local account with a local password of its own is not linked by email: an admin links it with POST /api/admin/users/${patId}/link)`;
    expect((await c.logs('event=login.blocked')).filter((l) => l.message.includes(pat.dn))).toEqual([
      expect.objectContaining({ message: expect.stringContaining(reason) }),
    ]);
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ created: 0, skipped: 2, failed: 0 });
    expect((await c.logs(`runId=${run.id}&event=sync.user.skipped`)).map((l) => l.details?.detail)).toContainEqual(
      expect.stringContaining(reason),
    );
    expect(await userRow('pat@example.test')).toMatchObject({ id: patId, authSource: 'local', ldapDn: null });
  });

  it('an admin links the account explicitly; then sign-in and import use it, keeping its current email', async () => {
    const outside = await c.t
      .http()
      .post(`/api/admin/users/${patId}/link`)
      .set('Cookie', c.cookie)
      .send({ dn: 'uid=pat,ou=elsewhere,dc=example,dc=com' });
    expect({ status: outside.status, body: outside.body }).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        message: 'uid=pat,ou=elsewhere,dc=example,dc=com is not a user in any search scope',
        code: 'ENTRY_NOT_IN_SCOPE',
        error: 'Not Found',
      },
    });
    const linked = await c.t.http().post(`/api/admin/users/${patId}/link`).set('Cookie', c.cookie).send({ dn: pat.dn });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ id: patId, ldapDn: pat.dn });
    expect((await c.logs('event=user.linked'))[0].message).toBe(
      `pat@example.test linked to ${pat.dn} by ${ADMIN_EMAIL}`,
    );
    const res = await signIn('pat');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: patId, email: 'pat@example.test' });
    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ created: 0, unchanged: 1, skipped: 1, failed: 0 });
    expect(await userRow('pat@example.test')).toMatchObject({ id: patId, authSource: 'ldap', ldapDn: pat.dn });
    const again = await c.t.http().post(`/api/admin/users/1/link`).set('Cookie', c.cookie).send({ dn: pat.dn });
    expect({ status: again.status, body: again.body }).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        message: `${pat.dn} already belongs to pat@example.test`,
        code: 'ENTRY_ALREADY_LINKED',
        error: 'Conflict',
      },
    });
  });

  it('refuses a link with a status, a message and a code for each reason, and changes nobody', async () => {
    const link = async (id: number, dn: unknown) => {
      const res = await c.t.http().post(`/api/admin/users/${id}/link`).set('Cookie', c.cookie).send({ dn });
      return { status: res.status, body: res.body };
    };
    const before = await c.users();
    expect(await link(999_999, pat.dn)).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'user 999999 not found', code: 'USER_NOT_FOUND', error: 'Not Found' },
    });
    const notADn = 'pat of the link unit';
    const syntax = await link(1, notADn);
    expect(syntax.status).toBe(400);
    expect(syntax.body).toEqual({
      statusCode: 400,
      message: [expect.stringMatching(/^dn is not a valid DN: /)],
      error: 'Bad Request',
      fields: { dn: syntax.body.message },
    });
    const odd = personLdif(ou.dn, 'odd', { mail: 'not-an-address' });
    await server.ldapAdd(odd.ldif);
    expect(await link(1, odd.dn)).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        message: `invalid email: ${odd.dn} has mail "not-an-address", not an email address`,
        code: 'ENTRY_UNREADABLE',
        error: 'Bad Request',
      },
    });
    await c.configure(server, { enabled: false, searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }] });
    expect(await link(1, pat.dn)).toEqual({
      status: 400,
      body: { statusCode: 400, message: 'LDAP is not enabled', code: 'LDAP_NOT_ENABLED', error: 'Bad Request' },
    });
    expect(await c.users()).toEqual(before);
  });
});
