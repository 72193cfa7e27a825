import { flavourByName } from '../../src/ldap/flavours/index.js';
import { UsersRepository } from '../../src/users/users.repository.js';
import { tlsMaterial } from '../directories/tls.js';
import { CompatApp } from './compat-app.js';
import { CompatServer, DIRECTORY_TARGETS, DirectoryTarget, START_TIMEOUT_MS } from './directory-targets.js';

/**
 * Sign-in, bind forms, refusals, stable ids, mailboxes, TLS, presets and diagnostics, on the
 * three real directories: what the README promises for each server is what passes here.
 * SQLite only: the database side is covered on both databases elsewhere.
 */
const INVALID = { statusCode: 401, message: 'Invalid login or password', error: 'Unauthorized' };

describe.each(DIRECTORY_TARGETS)('$name', (target: DirectoryTarget) => {
  let server: CompatServer;
  let app: CompatApp;
  const { alice, bob } = target;

  beforeAll(async () => {
    server = await target.start();
    app = await CompatApp.start(target, server);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });
  beforeEach(() => app.configure());

  it(`the ${target.preset} preset fills in login attributes, user filter, mapping and stable id, and stays editable`, async () => {
    const { preset } = app;
    const scopes = target.scopeDns.map((dn) => ({ dn, filter: '(objectClass=*)' }));
    expect(
      (
        await app.put({
          ...app.settings(),
          preset: undefined,
          searchScopes: scopes,
          loginAttributes: ['cn'],
          uidAttribute: null,
        })
      ).status,
    ).toBe(200);
    expect((await app.put({ preset: target.preset })).status).toBe(200);
    const { body } = await app.t.http().get('/api/admin/ldap/settings').set('Cookie', app.admin);
    expect(body).toMatchObject({
      loginAttributes: preset.loginAttributes,
      uidAttribute: preset.uidAttribute,
      attributeMap: preset.attributeMap,
    });
    expect(body.searchScopes).toEqual(target.scopeDns.map((dn) => ({ dn, filter: preset.userFilter })));
    expect((await app.put({ loginAttributes: ['mail'] })).body.settings.loginAttributes).toEqual(['mail']);
    // an old name of the same directory type (freeipa for 389-ds) still fills in the same preset
    for (const alias of flavourByName(target.preset)!.aliases) {
      expect((await app.put({ preset: alias })).status).toBe(200);
      const again = await app.t.http().get('/api/admin/ldap/settings').set('Cookie', app.admin);
      expect(again.body.loginAttributes).toEqual(preset.loginAttributes);
    }
  });

  it('names the server type in the connection test', async () => {
    expect((await app.post('/api/admin/ldap/test')).body).toMatchObject({ ok: true, serverType: target.serverType });
  });

  it('proposes the mapping from "Connect & Fetch Attributes"', async () => {
    const { status, body } = await app.post('/api/admin/ldap/attributes');
    expect(status).toBe(200);
    expect(body.proposedMapping).toEqual(target.proposedMapping);
  });

  it.each(Object.keys(alice.logins))('signs in by %s, creating the user with the mapped fields', async (attribute) => {
    const res = await app.login(alice.logins[attribute], alice.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: alice.email,
      firstName: alice.firstName,
      lastName: alice.lastName,
      jobTitle: alice.jobTitle,
      phone: alice.phone,
      authSource: 'ldap',
      ldapDn: alice.dn,
    });
  });

  it.each(target.bindForms)('binds the service account by $form', async ({ bindDn, bindUsername }) => {
    await app.configure({ bindDn, bindUsername });
    expect((await app.post('/api/admin/ldap/test')).body.ok).toBe(true);
    expect((await app.login(app.firstLogin(bob), bob.password)).status).toBe(200);
  });

  it('searches from the directory root without tripping over referrals', async () => {
    await app.configure({ searchScopes: [{ dn: target.rootDn, filter: app.preset.userFilter }] });
    expect((await app.login(app.firstLogin(alice), alice.password)).status).toBe(200);
    expect((await app.post('/api/admin/ldap/test')).body.ok).toBe(true);
  });

  it.each(target.refused)('refuses $what with the same 401 and logs why', async ({ login, password, reason }) => {
    expect((await app.login(login, password)).body).toEqual(INVALID);
    expect((await app.loginMessages()).filter((m) => m.startsWith(`${login} from `))).toContainEqual(
      expect.stringMatching(reason),
    );
  });

  it('stores the stable id, and a renamed entry stays the same local user', async () => {
    const { renameBob } = target;
    expect((await app.login(app.firstLogin(alice), alice.password)).status).toBe(200);
    const stored = await app.t.app.get(UsersRepository).getByLdapUid(await target.aliceStableId(server));
    expect(stored).toMatchObject({ email: alice.email, ldapDn: alice.dn });
    const before = await app.login(app.firstLogin(bob), bob.password);
    await server.modrdn(bob.dn, renameBob.newRdn);
    try {
      const after = await app.login(renameBob.login, bob.password);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ id: before.body.id, email: bob.email, ldapDn: renameBob.newDn });
    } finally {
      await server.modrdn(renameBob.newDn, bob.dn.split(',')[0]);
    }
  });

  it('gives mailboxes by group filter: memberOf, and nesting the way this server does it', async () => {
    const created: { id: number; name: string }[] = [];
    for (const [i, { filter }] of target.mailboxes.entries()) {
      const res = await app.post('/api/admin/mailboxes', { name: `${target.preset} ${i}`, ldapFilter: filter });
      expect(res.status).toBe(201);
      created.push(res.body);
    }
    try {
      const expected = (who: 'alice' | 'bob') =>
        target.mailboxes.flatMap((m, i) => (m[who] ? [created[i].name] : [])).sort();
      expect(await app.mailboxesOf(alice)).toEqual(expected('alice'));
      expect(await app.mailboxesOf(bob)).toEqual(expected('bob'));
    } finally {
      for (const mailbox of created)
        await app.t
          .http()
          .delete(`/api/admin/mailboxes/${mailbox.id}`)
          .set('Cookie', app.admin)
          .set('X-Requested-With', 'test');
    }
  });

  it('signs in over LDAPS and over StartTLS with the server CA, and the connection test names a wrong CA', async () => {
    await app.configure({ encryption: 'ssl', port: server.ldapsPort });
    expect((await app.login(app.firstLogin(alice), alice.password)).status).toBe(200);
    await app.configure({ encryption: 'starttls', port: server.port });
    expect((await app.login(app.firstLogin(alice), alice.password)).status).toBe(200);
    await app.configure({
      encryption: 'ssl',
      port: server.ldapsPort,
      caCertificate: (await tlsMaterial()).wrongCa.pem,
    });
    const { body } = await app.post('/api/admin/ldap/test');
    expect(body.ok).toBe(false);
    expect(body.steps.find((step: { ok: boolean }) => !step.ok)).toMatchObject({ step: 'tls', code: 'TLS' });
  });
});
