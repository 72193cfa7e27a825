import { CLOCK_SLACK_MS } from '../../src/sync/run/assign-mailboxes.step.js';
import { FIXTURE_GROUPS, FIXTURE_USERS } from '../directories/fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { type RunView, SyncClient } from './support/sync-harness.js';

const { alice, bob, carol, jose, smith } = FIXTURE_USERS;
const memberOf = (group: keyof typeof FIXTURE_GROUPS) => `(memberOf=${FIXTURE_GROUPS[group].dn})`;
const ESCALATION = '(title=Escalation Agent)';

/**
 * Deltas reconcile mailbox memberships for what changed since the mark: the entries the delta
 * reads (an attribute filter), and in full a group-based mailbox once a group entry changed
 * (slapd's memberof overlay leaves the member's modifyTimestamp alone) or a mailbox new since the
 * last run. Marks have whole-second resolution (a delta reads the mark's own second again) and a
 * mailbox counts as new when changed less than CLOCK_SLACK_MS before the last run: the test waits
 * past those clock boundaries where it needs to, and asserts nothing about time.
 */
describe.each(testDatabases())('mailbox memberships in a delta on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap({ tls: 'none' }), db.url().then((url) => SyncClient.start(url))]);
    await c.configure(server);
    for (const [name, ldapFilter] of [
      ['Support', memberOf('support')],
      ['Escalation', ESCALATION],
    ]) {
      const res = await c.t.http().post('/api/admin/mailboxes').set('Cookie', c.cookie).send({ name, ldapFilter });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    }
    await wait(CLOCK_SLACK_MS + 100); // both mailboxes older than the full run, so no longer new to the deltas
    expect(await c.sync({ full: true })).toMatchObject({ status: 'succeeded', mode: 'full' });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  const userIds = async () => new Map([...(await c.directoryUsers())].map(([mail, user]) => [mail, user.id]));
  const members = async (mailbox: string) => {
    const res = await c.t.http().get(`/api/admin/mailboxes/${ids[mailbox]}/members`).set('Cookie', c.cookie);
    const id = await userIds();
    const byId = new Map([...id].map(([mail, userId]) => [userId, mail]));
    return (res.body as { directory: { userId: number }[] }).directory.map((m) => byId.get(m.userId)).sort();
  };
  const deltaLine = async (run: RunView) => {
    const [line] = await c.logs(`runId=${run.id}&event=sync.mailbox.delta`);
    return line;
  };
  const delta = async () => {
    const run = await c.sync();
    expect(run).toMatchObject({ status: 'succeeded', mode: 'delta' });
    return run;
  };
  /** Past the second of every change so far: the next change's stamp is later than all of them. */
  const nextSecond = () => wait((Math.floor(Date.now() / 1000) + 1) * 1000 + 50 - Date.now());

  it('a delta after a group membership change assigns the group-based mailbox', async () => {
    expect(await members('Support')).toEqual([alice.mail, carol.mail].sort());
    await server.ldapModify(
      `dn: ${FIXTURE_GROUPS.support.dn}\nchangetype: modify\nadd: member\nmember: ${jose.dn}\n-\n`,
    );
    const run = await delta();
    expect(run.counters).toMatchObject({ mailboxAdds: 1, mailboxRemoves: 0 });
    expect(await members('Support')).toEqual([alice.mail, carol.mail, jose.mail].sort());
    const line = await deltaLine(run);
    expect(line.details).toMatchObject({ full: [ids.Support], groupsChanged: true });
    expect(line.message).toContain(`group ${FIXTURE_GROUPS.support.dn} changed`);
  });

  it('an attribute filter follows the entries the delta read: added, then removed', async () => {
    // bob's change in a later second than the group's: the mark this delta reads is past the group change
    await nextSecond();
    await server.ldapModify(replaceRecord(bob.dn, 'title', ['Escalation Agent']));
    let run = await delta();
    expect(run.counters).toMatchObject({ mailboxAdds: 1, mailboxRemoves: 0 });
    expect(await members('Escalation')).toEqual([bob.mail]);
    // this delta starts from the last one's mark, the group change's second: Support in full once more
    expect((await deltaLine(run)).details?.full).toEqual([ids.Support]);

    await server.ldapModify(replaceRecord(bob.dn, 'title', ['Account Manager']));
    run = await delta();
    expect(run.counters).toMatchObject({ mailboxAdds: 0, mailboxRemoves: 1 });
    expect(await members('Escalation')).toEqual([]);
    const removed = await c.logs(`runId=${run.id}&event=sync.mailbox.removed`);
    expect(removed).toEqual([expect.objectContaining({ message: `removed ${bob.mail} from mailbox Escalation` })]);
  });

  it('a delta with nothing changed reconciles no mailbox in full and touches no membership', async () => {
    const run = await delta();
    expect(run.counters).toMatchObject({ mailboxAdds: 0, mailboxRemoves: 0, created: 0, updated: 0 });
    expect((await deltaLine(run)).details).toEqual({ full: [], groupsChanged: false });
    expect(await c.logs(`runId=${run.id}&event=sync.mailbox.added`)).toEqual([]);
    expect(await members('Support')).toEqual([alice.mail, carol.mail, jose.mail].sort());
  });

  it('a mailbox created since the last run is assigned in full by the next delta', async () => {
    const res = await c.t
      .http()
      .post('/api/admin/mailboxes')
      .set('Cookie', c.cookie)
      .send({ name: 'Sales', ldapFilter: memberOf('sales') });
    expect(res.status).toBe(201);
    ids.Sales = res.body.id;
    const run = await delta();
    expect(run.counters).toMatchObject({ mailboxAdds: 2, mailboxRemoves: 0 });
    expect(await members('Sales')).toEqual([bob.mail, smith.mail].sort());
    expect((await deltaLine(run)).details?.full).toContain(ids.Sales);
  });
});

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
