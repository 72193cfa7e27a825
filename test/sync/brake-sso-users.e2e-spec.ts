import { PERMANENTLY_LOCKED } from '../directories/fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { PERSON_FILTER, SyncClient } from './support/sync-harness.js';

const SSO = {
  enabled: true,
  header: 'x-remote-user',
  trustedProxies: ['127.0.0.1/32', '::1/128'],
  autoCreate: true,
};

/*
 * Users the SSO proxy created from directory entries (authSource sso) are disabled by a run that
 * finds their account locked, so the brake counts them: in the disables and in the base alike.
 * 1 locked of 10 such users is 10 %, within maxDisablePercent 10: disabled without confirmation.
 */
describe.each(testDatabases())('the brake with users SSO created, on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('sso');
  const people = Array.from({ length: 10 }, (_, i) => personLdif(ou.dn, `s${String(i).padStart(2, '0')}`));
  const emailOf = (entry: { dn: string }) => `${entry.dn.slice(4, entry.dn.indexOf(','))}@example.test`;

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, ...people]));
    await c.configure(server, {
      searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }],
      sync: { deprovision: 'disable', maxDisablePercent: 10, fullSyncEveryHours: 24 },
      sso: SSO,
    });
    for (const p of people) {
      const res = await c.t.http().get('/api/auth/session').set('X-Remote-User', emailOf(p).split('@')[0]);
      expect(res.body.user?.email).toBe(emailOf(p));
    }
    const users = (await c.users()).filter((u) => u.email.endsWith('@example.test'));
    expect(users.map((u) => `${u.authSource} ${u.status}`)).toEqual(people.map(() => 'sso active'));
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('1 of 10 locked (10 %) is disabled at once, without confirmation', async () => {
    const [locked] = people;
    await server.ldapModify(replaceRecord(locked.dn, 'pwdAccountLockedTime', [PERMANENTLY_LOCKED]));
    const run = await c.sync({ full: true });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.counters).toMatchObject({ disabled: 1, failed: 0 });
    const statuses = new Map((await c.users()).map((u) => [u.email, u.status]));
    expect(people.map((p) => statuses.get(emailOf(p)))).toEqual(
      people.map((p) => (p === locked ? 'disabled' : 'active')),
    );
  });

  it('2 more of the 9 left locked (22 %) stop for confirmation, counted against the 9', async () => {
    const locked = people.slice(1, 3);
    await server.ldapModify(
      locked.map((p) => replaceRecord(p.dn, 'pwdAccountLockedTime', [PERMANENTLY_LOCKED])).join('\n'),
    );
    const held = await c.sync({ full: true });
    expect(held).toMatchObject({ status: 'needs_confirmation', pendingDisableTotal: 2 });
    expect((await c.logs(`runId=${held.id}&event=sync.deprovision.confirm`)).map((l) => l.message)).toEqual([
      '2 directory users (22.2 %) are disabled, locked or expired in the directory, ' +
        'more than maxDisablePercent 10 %: nobody disabled; run again with force to disable them',
    ]);
  });
});
