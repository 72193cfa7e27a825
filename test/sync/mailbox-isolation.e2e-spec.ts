import { FIXTURE_GROUPS, FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sessionCookie } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { type FaultRule, FaultProxy } from '../support/fault-proxy.js';
import { SyncClient } from './support/sync-harness.js';

const { alice, bob, carol, jose, smith } = FIXTURE_USERS;
const { escalation, support, sales } = FIXTURE_GROUPS;
const IN_CHAIN = '1.2.840.113556.1.4.1941';
/** A and Nested fail (their searches carry this group's DN, which the proxy watches); B and C must not notice. */
const MAILBOXES = {
  A: `(memberOf=${escalation.dn})`,
  Nested: `(memberOf:${IN_CHAIN}:=${escalation.dn})`,
  B: `(memberOf=${support.dn})`,
  C: `(memberOf=${sales.dn})`,
};
type Name = keyof typeof MAILBOXES;

const CAUSES: { cause: string; rule: Omit<FaultRule, 'contains'>; says: string }[] = [
  // slapd evaluates filters it cannot match as Undefined; 389-ds and AD answer such filters with an error such as 18
  {
    cause: 'syntax the server rejects',
    rule: { action: 'answer', resultCode: 18, diagnostic: 'unknown matching rule' },
    says: 'the directory refused the filter',
  },
  { cause: 'a timeout', rule: { action: 'hold' }, says: 'no answer within the time limit' },
  { cause: 'a dropped connection', rule: { action: 'reset' }, says: 'the connection was lost' },
];

/** Alice leaves escalation (A) and support (B) and joins sales (C); carol joins escalation. */
function moveAlice(away: boolean): string {
  const [out, into] = away ? ['delete', 'add'] : ['add', 'delete'];
  return [
    `dn: ${escalation.dn}\nchangetype: modify\n${out}: uniqueMember\nuniqueMember: ${alice.dn}\n-\n${into}: uniqueMember\nuniqueMember: ${carol.dn}\n-\n`,
    `dn: ${support.dn}\nchangetype: modify\n${out}: member\nmember: ${alice.dn}\n-\n`,
    `dn: ${sales.dn}\nchangetype: modify\n${into}: member\nmember: ${alice.dn}\n-\n`,
  ].join('\n');
}

describe.each(testDatabases())('a failing mailbox filter on $name', (db) => {
  let server: OpenLdapServer;
  let proxy: FaultProxy;
  let c: SyncClient;
  const ids = {} as Record<Name, number>;

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap({ tls: 'none' }), db.url().then((url) => SyncClient.start(url))]);
    proxy = await FaultProxy.start(server);
    await c.configure(server, { host: proxy.host, port: proxy.port });
    for (const [name, ldapFilter] of Object.entries(MAILBOXES)) {
      const res = await c.t.http().post('/api/admin/mailboxes').set('Cookie', c.cookie).send({ name, ldapFilter });
      expect(res.status).toBe(201);
      ids[name as Name] = res.body.id;
    }
  });
  afterAll(async () => {
    await c?.close();
    await proxy?.close();
    await server?.stop();
  });

  const members = async (name: Name) => {
    const res = await c.t.http().get(`/api/admin/mailboxes/${ids[name]}/members`).set('Cookie', c.cookie);
    return (res.body.directory as { email: string }[]).map((m) => m.email).sort();
  };
  const all = async () => ({ A: await members('A'), B: await members('B'), C: await members('C') });
  const sorted = (...users: { mail: string }[]) => users.map((u) => u.mail).sort();
  const BEFORE = { A: sorted(alice, jose), B: sorted(alice, carol), C: sorted(bob, smith) };
  // A keeps alice and does not gain carol; B and C follow the directory
  const AFTER = { A: sorted(alice, jose), B: sorted(carol), C: sorted(alice, bob, smith) };

  /** Memberships as the directory had them, then alice moved, then the fault switched on. */
  const arrange = async (rule: Omit<FaultRule, 'contains'>) => {
    proxy.clear();
    const baseline = await c.sync({ full: true });
    expect(baseline.warnings).toEqual([]);
    expect(await all()).toEqual(BEFORE);
    await server.ldapModify(moveAlice(true));
    proxy.fault({ ...rule, contains: escalation.dn, always: true });
  };
  afterEach(async () => {
    proxy.clear();
    await server.ldapModify(moveAlice(false));
  });

  it.each(CAUSES)(
    'in the sync: A failing by $cause keeps its members and says why; B and C are decided as usual',
    async ({ rule, says }) => {
      await arrange(rule);
      const run = await c.sync({ full: true });
      expect(run.status).toBe('succeeded');
      expect(await all()).toEqual(AFTER);
      const failed = await c.logs(`runId=${run.id}&event=sync.mailbox.failed`);
      expect(failed.map((l) => l.message).sort()).toEqual([
        expect.stringContaining(`mailbox A: filter ${MAILBOXES.A} failed, memberships left as they were: ${says}`),
        expect.stringContaining(
          `mailbox Nested: filter ${MAILBOXES.Nested} failed, memberships left as they were: ${says}`,
        ),
      ]);
      expect(run.counters).toMatchObject({ mailboxAdds: 1, mailboxRemoves: 1 });
    },
  );

  it.each(CAUSES)(
    'at sign-in: A failing by $cause keeps the member and is logged; B and C are decided as usual',
    async ({ rule, says }) => {
      await arrange(rule);
      const res = await c.t.http().post('/api/auth/login').send({ login: alice.uid, password: alice.password });
      expect(res.status).toBe(200);
      expect(await all()).toEqual(AFTER);
      const names = (
        (await c.t.http().get('/api/mailboxes').set('Cookie', sessionCookie(res.headers['set-cookie']))).body as {
          name: string;
        }[]
      ).map((m) => m.name);
      expect(names.sort()).toEqual(['A', 'C']);
      const lines = (await c.logs('event=login.mailbox.failed')).map((l) => l.message).filter((m) => m.includes(says));
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            `mailbox A: filter ${MAILBOXES.A} failed for ${alice.dn}, memberships left as they were: ${says}`,
          ),
        ]),
      );
    },
  );

  it('a nested-group (in-chain) filter that times out is logged with the cheaper direct-membership form', async () => {
    await arrange({ action: 'hold' });
    const run = await c.sync({ full: true });
    const nested = run.warnings.find((w) => w.startsWith('mailbox Nested'));
    expect(nested).toContain(`if direct members are enough, (memberOf=${escalation.dn}) is much cheaper`);
    expect(run.warnings.find((w) => w.startsWith('mailbox A'))).not.toContain('cheaper');
  });
});
