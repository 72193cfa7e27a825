import { DataSource } from 'typeorm';

import { LdapConnection } from '../../src/ldap/client/ldap-connection.js';
import { LdapClientService } from '../../src/ldap/directory/ldap-client.service.js';
import { dnEquals, isDnUnder } from '../../src/ldap/syntax/dn.js';
import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import {
  decideForEntry,
  type FilteredMailbox,
  filterFailure,
  HealthyConnection,
  memberDnPages,
} from '../../src/mailboxes/mailbox-membership.js';
import { ALL_FIXTURE_USERS, FIXTURE_GROUPS, FIXTURE_USERS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { FIXTURE_SCOPES, SyncClient } from './support/sync-harness.js';

const { alice, bob, carol } = FIXTURE_USERS;
const REJECTED = 'rejected-by-the-server';
const HELD = 'held-by-the-proxy';
const FILTERS: Record<string, string> = {
  Support: `(memberOf=${FIXTURE_GROUPS.support.dn})`,
  Sales: `(memberOf=${FIXTURE_GROUPS.sales.dn})`,
  Escalation: `(memberOf=${FIXTURE_GROUPS.escalation.dn})`,
  // matches the outsider and dana too, who are outside the search scopes
  Everyone: '(mail=*)',
  Titled: '(title=*)',
  Rejected: `(description=${REJECTED})`,
  Slow: `(description=${HELD})`,
};
/** Users a sign-in can reach, by a login that finds exactly them. */
const SIGN_INS = ['alice', 'bob', 'carol', 'jose', 'smith', 'plee', 'special', 'twinPeople', 'twinStaff'] as const;

/**
 * Sign-in (a base search on the user's entry per scope holding it) and the sync (a paged search
 * per scope) through the one membership rule: they must agree for every fixture user and mailbox,
 * a filter the server refuses, one that times out and members outside the scopes included.
 */
describe.each(testDatabases())('one membership rule for sign-in and sync on $name', (db) => {
  let server: OpenLdapServer;
  let proxy: FaultProxy;
  let c: SyncClient;
  const mailboxes: FilteredMailbox[] = [];

  beforeAll(async () => {
    [server, c] = await Promise.all([startOpenLdap({ tls: 'none' }), db.url().then((url) => SyncClient.start(url))]);
    proxy = await FaultProxy.start(server);
    proxy.fault({
      contains: REJECTED,
      action: 'answer',
      resultCode: 18,
      diagnostic: 'unknown matching rule',
      always: true,
    });
    proxy.fault({ contains: HELD, action: 'hold', always: true });
    await c.configure(server, { host: proxy.host, port: proxy.port, timeoutMs: 1500 });
    for (const [name, ldapFilter] of Object.entries(FILTERS)) {
      const res = await c.t.http().post('/api/admin/mailboxes').set('Cookie', c.cookie).send({ name, ldapFilter });
      expect(res.status).toBe(201);
      mailboxes.push({ id: res.body.id, name, ldapFilter });
    }
  });
  afterAll(async () => {
    await c?.close();
    await proxy?.close();
    await server?.stop();
  });

  const settings = () => c.t.app.get(LdapSettingsService).get();
  /** The sign-in's answer, user by user: member, not, or failed (and why). */
  const signInRule = async (dn: string): Promise<string[]> => {
    const client = c.t.app.get(LdapClientService);
    const decisions = await decideForEntry((fn) => client.withService(fn), await settings(), dn, mailboxes);
    return decisions.map((d) => `${d.mailbox.name}: ${d.ok ? (d.member ? 'member' : 'not') : `failed (${d.cause})`}`);
  };
  /** The sync's answer: each mailbox's matching DNs (or its failure), then the same table per user. */
  const syncRule = async (): Promise<Map<string, string[] | string>> => {
    const connection = await c.t.app.get(LdapSettingsService).connection();
    const open = async () => {
      const conn = await LdapConnection.open(connection);
      await conn.bindService(connection);
      return conn;
    };
    const healthy = new HealthyConnection(await open(), open);
    const answers = new Map<string, string[] | string>();
    try {
      for (const mailbox of mailboxes) {
        try {
          const dns: string[] = [];
          for await (const page of memberDnPages(await healthy.get(), await settings(), mailbox.ldapFilter))
            dns.push(...page);
          answers.set(mailbox.name, dns);
        } catch (error) {
          answers.set(mailbox.name, `failed (${filterFailure(mailbox.ldapFilter, error).cause})`);
        }
      }
    } finally {
      await healthy.close();
    }
    return answers;
  };
  const syncTable = (answers: Map<string, string[] | string>, dn: string) =>
    mailboxes.map((m) => {
      const answer = answers.get(m.name)!;
      return `${m.name}: ${typeof answer === 'string' ? answer : answer.some((matched) => dnEquals(matched, dn)) ? 'member' : 'not'}`;
    });

  it('agree on every fixture user and mailbox, in the scopes or not', async () => {
    const answers = await syncRule();
    for (const user of ALL_FIXTURE_USERS) {
      const [signIn, sync] = [await signInRule(user.dn), syncTable(answers, user.dn)];
      if (FIXTURE_SCOPES.some((scope) => isDnUnder(user.dn, scope.dn))) {
        expect({ user: user.dn, decisions: signIn }).toEqual({ user: user.dn, decisions: sync });
      } else {
        // outside the scopes: never a member, whatever the filter; a failing filter changes nothing in the sync either
        expect({ user: user.dn, decisions: signIn }).toEqual({
          user: user.dn,
          decisions: mailboxes.map((m) => `${m.name}: not`),
        });
        expect(sync.filter((answer) => !answer.includes('failed'))).toEqual(
          signIn.filter((_, i) => !sync[i].includes('failed')),
        );
      }
    }
    // the table is not trivially empty: the expected kinds of answer are all there
    expect(await signInRule(alice.dn)).toEqual([
      'Support: member',
      'Sales: not',
      'Escalation: member',
      'Everyone: member',
      'Titled: member',
      'Rejected: failed (rejected)',
      'Slow: failed (timeout)',
    ]);
    expect(await signInRule(FIXTURE_USERS.outsider.dn)).toContain('Everyone: not');
  });

  it('give the same memberships: a sync, then every user signing in from scrambled memberships', async () => {
    const dataSource = c.t.app.get(DataSource);
    const byName = Object.fromEntries(mailboxes.map((m) => [m.name, m.id]));
    expect((await c.sync({ full: true })).status).toBe('succeeded');
    let users = await c.directoryUsers();
    // memberships the failing mailboxes had before: both paths must leave them exactly so
    const seeded = [
      [byName.Rejected, users.get(bob.mail)!.id],
      [byName.Slow, users.get(alice.mail)!.id],
      [byName.Slow, users.get(carol.mail)!.id],
    ];
    for (const [mailboxId, userId] of seeded) await addLdapMembership(dataSource, mailboxId, userId);
    // a member outside the scopes: the outsider, as a local user given a directory membership
    const outsider = await c.t
      .http()
      .post('/api/admin/users')
      .set('Cookie', c.cookie)
      .send({ email: FIXTURE_USERS.outsider.mail, password: 'outsider-password-1' });
    await addLdapMembership(dataSource, byName.Everyone, outsider.body.id);
    await addLdapMembership(dataSource, byName.Slow, outsider.body.id);

    const run = await c.sync({ full: true });
    expect(run.warnings.filter((w) => /^mailbox (Rejected|Slow):/.test(w))).toHaveLength(2);
    const afterSync = await memberships(dataSource);
    // outside the scopes: out of a mailbox whose filter works, kept (like everyone) where the filter failed
    expect(afterSync).not.toContain(`${byName.Everyone}:${outsider.body.id}`);
    expect(afterSync).toContain(`${byName.Slow}:${outsider.body.id}`);
    for (const [mailboxId, userId] of seeded) expect(afterSync).toContain(`${mailboxId}:${userId}`);

    // scramble the decided mailboxes: every user in Support and Sales only, the failing ones untouched
    const decided = mailboxes.filter((m) => !['Rejected', 'Slow'].includes(m.name)).map((m) => m.id);
    await dataSource.query(`DELETE FROM mailbox_users WHERE source = 'ldap' AND mailbox_id IN (${decided.join(', ')})`);
    users = await c.directoryUsers();
    for (const user of users.values()) {
      for (const mailboxId of [byName.Support, byName.Sales]) await addLdapMembership(dataSource, mailboxId, user.id);
    }
    for (const key of SIGN_INS) {
      const res = await c.t
        .http()
        .post('/api/auth/login')
        .send({ login: FIXTURE_USERS[key].mail, password: FIXTURE_USERS[key].password });
      expect({ key, status: res.status }).toEqual({ key, status: 200 });
    }
    const signedIn = new Set(SIGN_INS.map((key) => users.get(FIXTURE_USERS[key].mail)!.id));
    const ofSignedIn = (rows: string[]) => rows.filter((row) => signedIn.has(Number(row.split(':')[1])));
    expect(ofSignedIn(await memberships(dataSource))).toEqual(ofSignedIn(afterSync));
  });
});

/** A directory-driven membership written as an earlier run (or a hand in the database) left it. */
async function addLdapMembership(dataSource: DataSource, mailboxId: number, userId: number): Promise<void> {
  await dataSource.query(
    "INSERT INTO mailbox_users (mailbox_id, user_id, source, created_at) VALUES (?, ?, 'ldap', '2026-01-01 00:00:00')",
    [mailboxId, userId],
  );
}

/** Every directory-driven membership as "mailboxId:userId", sorted. */
async function memberships(dataSource: DataSource): Promise<string[]> {
  const rows: { mailboxId: number | string; userId: number | string }[] = await dataSource.query(
    "SELECT mailbox_id AS mailboxId, user_id AS userId FROM mailbox_users WHERE source = 'ldap'",
  );
  return rows.map((r) => `${Number(r.mailboxId)}:${Number(r.userId)}`).sort();
}
