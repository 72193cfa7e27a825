import { DEFAULT_PASSWORD } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { SyncClient } from './support/sync-harness.js';

/**
 * Issue 12, fault 8: an entry deleted and created again (new entryUUID, same DN and email) is the
 * same user; two entries with one stable id in one run are refused, naming both.
 */
describe.each(testDatabases())('stable ids on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('ids');
  const ann = personLdif(ou.dn, 'ann', { employeeNumber: '1' });
  const colleagues = ['bea', 'cid', 'dan'].map((uid, i) => personLdif(ou.dn, uid, { employeeNumber: String(i + 2) }));
  const scopes = [{ dn: ou.dn, filter: '(objectClass=inetOrgPerson)' }];

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, ann, ...colleagues]));
    await c.configure(server, { searchScopes: scopes });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('an entry deleted and created again (same DN and email) keeps its user: stable id updated, logged', async () => {
    expect((await c.sync({ full: true })).counters).toMatchObject({ created: 4, failed: 0 });
    const before = (await c.directoryUsers()).get('ann@example.test')!;
    const uid = async () =>
      (await c.t.http().get(`/api/admin/users/${before.id}`).set('Cookie', c.cookie)).body as { id: number };
    await server.ldapDelete(ann.dn);
    await server.ldapAdd(ann.ldif);

    const run = await c.sync({ full: true });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.counters).toMatchObject({ created: 0, updated: 1, disabled: 0, skipped: 0, unchanged: 3, failed: 0 });
    const after = (await c.directoryUsers()).get('ann@example.test')!;
    expect(after).toMatchObject({ id: before.id, status: 'active', ldapDn: ann.dn });
    expect((await uid()).id).toBe(before.id);
    const [line] = await c.logs(`runId=${run.id}&event=sync.user.updated`);
    expect(line.message).toMatch(
      new RegExp(
        `^updated ann@example.test: ${ann.dn} was created again in the directory, stable id entryuuid:[0-9a-f-]+ → entryuuid:[0-9a-f-]+$`,
      ),
    );
    expect(line.details).toMatchObject({ userId: before.id, previousStableId: expect.stringMatching(/^entryuuid:/) });
    // matched by the new stable id from now on: sign-in, and a run that writes nothing
    expect((await c.t.http().post('/api/auth/login').send({ login: 'ann', password: DEFAULT_PASSWORD })).status).toBe(
      200,
    );
    expect((await c.sync({ full: true })).counters).toMatchObject({ updated: 0, unchanged: 4 });
  });

  it('sign-in for an entry deleted and created again, before any import, keeps its user: stable id updated, logged', async () => {
    expect((await c.sync({ full: true })).counters).toMatchObject({ failed: 0 });
    const before = (await c.directoryUsers()).get('ann@example.test')!;
    await server.ldapDelete(ann.dn);
    await server.ldapAdd(ann.ldif);

    const login = await c.t.http().post('/api/auth/login').send({ login: 'ann', password: DEFAULT_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ id: before.id, email: 'ann@example.test' });
    expect((await c.directoryUsers()).get('ann@example.test')).toMatchObject({
      id: before.id,
      status: 'active',
      ldapDn: ann.dn,
    });
    const [line] = await c.logs('event=user.recreated');
    expect(line.message).toMatch(
      new RegExp(
        `^${ann.dn} was created again in the directory, stable id entryuuid:[0-9a-f-]+ → entryuuid:[0-9a-f-]+: ann@example.test keeps its account$`,
      ),
    );
    expect(line.details).toMatchObject({ userId: before.id, previousStableId: expect.stringMatching(/^entryuuid:/) });
    // the sign-in stored the new stable id: the next import matches by it and writes nothing
    expect((await c.sync({ full: true })).counters).toMatchObject({ created: 0, updated: 0, disabled: 0, skipped: 0 });
  });

  it('a changed stable-id attribute: the next import ties every user again by DN and email, without asking the directory for the old ids', async () => {
    const fresh = await SyncClient.start(await db.url());
    try {
      await fresh.configure(server, { searchScopes: scopes });
      expect((await fresh.sync({ full: true })).counters).toMatchObject({ created: 4, failed: 0 });
      const before = await fresh.directoryUsers();

      await fresh.configure(server, { searchScopes: scopes, uidAttribute: 'employeeNumber' });
      const run = await fresh.sync({ full: true });
      expect(run.counters).toMatchObject({ created: 0, updated: 4, skipped: 0, disabled: 0, failed: 0 });
      const updates = await fresh.logs(`runId=${run.id}&event=sync.user.updated`);
      expect(updates).toHaveLength(4);
      const annLine = updates.find((line) => line.message.startsWith('updated ann@example.test: '))!;
      expect(annLine.message).toMatch(
        new RegExp(
          `^updated ann@example.test: the stable id of ${ann.dn} is now read from employeenumber \\(uidAttribute changed; the user was tied again by DN and email\\), entryuuid:[0-9a-f-]+ → employeenumber:1$`,
        ),
      );
      expect(updates.filter((line) => /created again/.test(line.message))).toEqual([]);
      const after = await fresh.directoryUsers();
      for (const [email, user] of before) {
        expect(after.get(email)).toMatchObject({ id: user.id, status: 'active', ldapDn: user.ldapDn });
      }
      // the ids are the new attribute's from now on
      expect((await fresh.sync({ full: true })).counters).toMatchObject({ updated: 0, unchanged: 4 });
    } finally {
      await fresh.close();
    }
  });

  it('two entries with one stable id in one run: the later one is refused, naming both', async () => {
    const twin = personLdif(ou.dn, 'zoe', { employeeNumber: '1' });
    await server.ldapAdd(twin.ldif);
    // a fresh install whose stable-id attribute (accepted in the settings) is not unique
    const fresh = await SyncClient.start(await db.url());
    try {
      await fresh.configure(server, { searchScopes: scopes, uidAttribute: 'employeeNumber' });
      const run = await fresh.sync({ full: true });
      expect(run).toMatchObject({ status: 'succeeded' });
      expect(run.counters).toMatchObject({ seen: 5, created: 4, skipped: 1, failed: 0 });
      await expectRefused(fresh, run.id, twin.dn);
      // the next run refuses it again and disables nobody
      const again = await fresh.sync({ full: true });
      expect(again.counters).toMatchObject({ unchanged: 4, skipped: 1, disabled: 0, failed: 0 });
    } finally {
      await fresh.close();
    }
  });

  it('sign-in with a new stable id while the old one is still a user in the directory is refused as a duplicate email, then admitted once it is gone', async () => {
    const twin = personLdif(ou.dn, 'yves', { employeeNumber: '21' });
    const fresh = await SyncClient.start(await db.url());
    const setNumber = (dn: string, value: string) =>
      server.ldapModify(`dn: ${dn}\nchangetype: modify\nreplace: employeeNumber\nemployeeNumber: ${value}\n`);
    try {
      await setNumber(ann.dn, '21');
      await fresh.configure(server, { searchScopes: scopes, uidAttribute: 'employeeNumber' });
      expect((await fresh.sync({ full: true })).counters).toMatchObject({ failed: 0 });
      const before = (await fresh.directoryUsers()).get('ann@example.test')!;
      // ann's entry gets another id while another entry now holds ann's old one
      await server.ldapAdd(twin.ldif);
      await setNumber(ann.dn, '22');
      const signIn = () => fresh.t.http().post('/api/auth/login').send({ login: 'ann', password: DEFAULT_PASSWORD });

      expect((await signIn()).status).toBe(401);
      const [refusal] = await fresh.logs('q=duplicate email');
      expect(refusal.message).toContain(`${ann.dn} has email ann@example.test, already used by ${ann.dn}`);

      // the old id is gone from the directory: the same person, the same user
      await server.ldapDelete(twin.dn);
      const admitted = await signIn();
      expect(admitted.status).toBe(200);
      expect(admitted.body).toMatchObject({ id: before.id });
      const [line] = await fresh.logs('event=user.recreated');
      expect(line.details).toMatchObject({ userId: before.id, previousStableId: 'employeenumber:21' });
    } finally {
      await fresh.close();
      await setNumber(ann.dn, '1');
    }
  });

  async function expectRefused(client: SyncClient, runId: string, twinDn: string): Promise<void> {
    const [skip] = await client.logs(`runId=${runId}&event=sync.user.skipped`);
    expect(skip.details).toMatchObject({ dn: twinDn, reason: 'duplicate stable id' });
    expect(skip.details?.detail).toBe(
      `duplicate stable id: ${twinDn} has employeenumber:1, as ${ann.dn} does; ${ann.dn} keeps the user and ${twinDn} is refused (the stable-id attribute must be unique)`,
    );
    const users = await client.directoryUsers();
    expect(users.has('zoe@example.test')).toBe(false);
    expect(users.get('ann@example.test')).toMatchObject({ status: 'active', ldapDn: ann.dn });
  }
});
