import { DataSource } from 'typeorm';

import { FIXTURE_GROUPS, FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { SyncClient } from './support/sync-harness.js';

const { alice, bob, carol, jose, smith } = FIXTURE_USERS;
const memberOf = (group: keyof typeof FIXTURE_GROUPS) => `(memberOf=${FIXTURE_GROUPS[group].dn})`;

describe.each(testDatabases())('mailbox assignment by LDAP filter on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap(), db.url().then((url) => SyncClient.start(url))]);
    await c.configure(server, { encryption: 'starttls', caCertificate: server.caCertPem });
    for (const [name, ldapFilter] of [
      ['Support', memberOf('support')],
      ['Sales', memberOf('sales')],
      ['Broken', memberOf('empty')],
      ['Manual', null],
    ]) {
      const res = await c.t.http().post('/api/admin/mailboxes').set('Cookie', c.cookie).send({ name, ldapFilter });
      expect(res.status).toBe(201);
      ids[name as string] = res.body.id;
    }
    // written before filters were validated, or by hand in the database: the run must survive it
    await c.t.app
      .get(DataSource)
      .query('UPDATE mailboxes SET ldap_filter = ? WHERE id = ?', ['(memberOf=cn=support', ids.Broken]);
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const members = async (mailbox: string) => {
    const res = await c.t.http().get(`/api/admin/mailboxes/${ids[mailbox]}/members`).set('Cookie', c.cookie);
    const body = res.body as { directory: { userId: number }[]; manual: { userId: number }[] };
    return [...body.directory.map((m) => `${m.userId}:ldap`), ...body.manual.map((m) => `${m.userId}:manual`)].sort();
  };
  const userIds = async () => new Map([...(await c.directoryUsers())].map(([mail, user]) => [mail, user.id]));

  it('adds directory members by group, isolates an invalid filter and leaves the other mailboxes working', async () => {
    const run = await c.sync();
    expect(run.status).toBe('succeeded');
    expect(run.counters).toMatchObject({ created: 10, mailboxAdds: 4, mailboxRemoves: 0 });
    const id = await userIds();
    expect(await members('Support')).toEqual([`${id.get(alice.mail)}:ldap`, `${id.get(carol.mail)}:ldap`].sort());
    expect(await members('Sales')).toEqual([`${id.get(bob.mail)}:ldap`, `${id.get(smith.mail)}:ldap`].sort());
    expect(await members('Broken')).toEqual([]);
    expect(run.warnings.join(' ')).toMatch(/mailbox Broken: filter \(memberOf=cn=support failed/);
    const failures = await c.logs(`runId=${run.id}&event=sync.mailbox.failed`);
    expect(failures).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('Broken') })]);
    expect(await c.logs(`runId=${run.id}&event=sync.mailbox.added`)).toHaveLength(4);
  });

  it('follows group changes on the next run and never touches manual memberships', async () => {
    const id = await userIds();
    for (const user of [alice, jose]) {
      const res = await c.t
        .http()
        .post(`/api/admin/mailboxes/${ids.Support}/members`)
        .set('Cookie', c.cookie)
        .send({ userId: id.get(user.mail) });
      expect(res.status).toBe(204);
    }
    await c.t
      .http()
      .post(`/api/admin/mailboxes/${ids.Manual}/members`)
      .set('Cookie', c.cookie)
      .send({ userId: id.get(bob.mail) });
    await server.ldapModify(
      `dn: ${FIXTURE_GROUPS.support.dn}\nchangetype: modify\ndelete: member\nmember: ${alice.dn}\n-\n`,
    );
    await server.ldapModify(`dn: ${FIXTURE_GROUPS.sales.dn}\nchangetype: modify\nadd: member\nmember: ${jose.dn}\n-\n`);

    const run = await c.sync({ full: true });
    expect(run.counters).toMatchObject({ mailboxAdds: 1, mailboxRemoves: 1 });
    expect(await members('Support')).toEqual(
      [`${id.get(alice.mail)}:manual`, `${id.get(carol.mail)}:ldap`, `${id.get(jose.mail)}:manual`].sort(),
    );
    expect(await members('Sales')).toEqual(
      [`${id.get(bob.mail)}:ldap`, `${id.get(smith.mail)}:ldap`, `${id.get(jose.mail)}:ldap`].sort(),
    );
    expect(await members('Manual')).toEqual([`${id.get(bob.mail)}:manual`]);
    const removed = await c.logs(`runId=${run.id}&event=sync.mailbox.removed`);
    expect(removed).toEqual([expect.objectContaining({ message: `removed ${alice.mail} from mailbox Support` })]);
  });

  it('a dry run plans mailbox changes without making them', async () => {
    await server.ldapModify(
      `dn: ${FIXTURE_GROUPS.support.dn}\nchangetype: modify\nadd: member\nmember: ${alice.dn}\n-\n`,
    );
    const before = await members('Support');
    const run = await c.sync({ dryRun: true });
    expect(run.counters).toMatchObject({ mailboxAdds: 1, mailboxRemoves: 0 });
    // the sample also lists the skipped entry (nomail) since runs sample skips
    expect(run.sample.filter((row) => row.action.startsWith('mailbox'))).toEqual([
      expect.objectContaining({ action: 'mailbox-add', email: alice.mail, mailbox: 'Support' }),
    ]);
    expect(await members('Support')).toEqual(before);
  });
});
