import { DEFAULT_PASSWORD, PERMANENTLY_LOCKED } from '../directories/fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sessionCookie } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { joinLdif, ouLdif, personLdif } from './support/entries.js';
import { PERSON_FILTER, type RunView, SyncClient } from './support/sync-harness.js';

const USERS = 20;
const SYNC = { deprovision: 'disable', maxDisablePercent: 10, fullSyncEveryHours: 24 };

/*
 * The brake counts every user a run would disable: those gone and those the directory turned off
 * (here OpenLDAP's ppolicy lock, pwdAccountLockedTime, set on many entries by one ldapmodify, as a
 * mass change or a script gone wrong would). Stopped by the brake, a run has disabled nobody.
 */
describe.each(testDatabases())('the brake on users turned off in the directory, on $name', (db) => {
  let server: OpenLdapServer;
  let c: SyncClient;
  const ou = ouLdif('mass');
  const people = Array.from({ length: USERS }, (_, i) => personLdif(ou.dn, `m${String(i).padStart(2, '0')}`));
  const emailOf = (entry: { dn: string }) => `${entry.dn.slice(4, entry.dn.indexOf(','))}@example.test`;
  const lock = (entries: { dn: string }[], locked = true) =>
    server.ldapModify(
      entries.map((e) => replaceRecord(e.dn, 'pwdAccountLockedTime', locked ? [PERMANENTLY_LOCKED] : [])).join('\n'),
    );
  const statuses = async () => {
    const users = await c.directoryUsers();
    return people.map((p) => {
      const u = users.get(emailOf(p));
      return `${emailOf(p)} ${u?.status}${u?.disabledBy ? ` (${u.disabledBy})` : ''}`;
    });
  };
  const allActive = () => people.map((p) => `${emailOf(p)} active`);
  const disabledLines = async (run: RunView) => c.logs(`runId=${run.id}&event=sync.user.disabled`);

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', seed: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(joinLdif([ou, ...people]));
    await c.configure(server, { searchScopes: [{ dn: ou.dn, filter: PERSON_FILTER }], sync: SYNC });
    expect((await c.sync({ full: true })).counters).toMatchObject({ created: USERS, disabled: 0 });
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('6 of 20 locked and 1 deleted (35 %): dry run and real run stop with nobody disabled; force disables all 7', async () => {
    const [deleted, ...locked] = people.slice(0, 7);
    const session = sessionCookie(
      (await c.t.http().post('/api/auth/login').send({ login: 'm01', password: DEFAULT_PASSWORD })).headers[
        'set-cookie'
      ],
    );
    const me = () => c.t.http().get('/api/auth/me').set('Cookie', session);
    expect((await me()).status).toBe(200);
    await lock(locked);
    // a change besides the lock is written: only the disable waits
    await server.ldapModify(replaceRecord(locked[1].dn, 'title', ['Moved on']));
    await server.ldapDelete(deleted.dn);
    const message =
      '7 directory users (35.0 %) would be disabled: 1 gone, 6 disabled, locked or expired in the directory, ' +
      'more than maxDisablePercent 10 %: nobody disabled; run again with force to disable them';

    const dry = await c.sync({ dryRun: true });
    expect(dry.warnings).toContain(`a real run would stop for confirmation: ${message}`);
    expect(dry.counters).toMatchObject({ disabled: 0, failed: 0 });

    const held = await c.sync({ full: true });
    expect(held).toMatchObject({ status: 'needs_confirmation', pendingDisableTotal: 7 });
    expect(held.counters).toMatchObject({ disabled: 0, updated: 1, failed: 0 });
    expect(held.pendingDisable.map((u) => u.email).sort()).toEqual([deleted, ...locked].map(emailOf).sort());
    expect((await c.logs(`runId=${held.id}&event=sync.deprovision.confirm`)).map((l) => l.message)).toEqual([message]);
    expect(await disabledLines(held)).toEqual([]);
    expect(await statuses()).toEqual(allActive());
    expect((await c.directoryUsers()).get(emailOf(locked[1]))?.jobTitle).toBe('Moved on');
    expect((await me()).status).toBe(200);

    const forced = await c.sync({ full: true, force: true });
    expect(forced).toMatchObject({ status: 'succeeded' });
    expect(forced.counters).toMatchObject({ disabled: 7, updated: 6, failed: 0 });
    expect(await statuses()).toEqual(
      people.map((p) =>
        p === deleted
          ? `${emailOf(p)} disabled (sync)`
          : locked.includes(p)
            ? `${emailOf(p)} disabled (directory)`
            : `${emailOf(p)} active`,
      ),
    );
    expect((await disabledLines(forced)).map((l) => l.message)).toContain(
      `disabled ${emailOf(locked[0])}: the directory account ${locked[0].dn} is locked; sessions ended`,
    );
    expect((await me()).status).toBe(401);

    await lock(locked, false);
    await server.ldapAdd(deleted.ldif);
    expect((await c.sync({ full: true })).counters).toMatchObject({ enabled: 7, disabled: 0 });
    expect(await statuses()).toEqual(allActive());
  });

  it('a delta that stops at the brake loses nothing: the next delta holds the same users, force disables them', async () => {
    const locked = people.slice(10, 13);
    await lock(locked);
    const message =
      '3 directory users (15.0 %) are disabled, locked or expired in the directory, ' +
      'more than maxDisablePercent 10 %: nobody disabled; run again with force to disable them';
    for (let i = 0; i < 2; i += 1) {
      const held = await c.sync();
      expect(held).toMatchObject({ mode: 'delta', status: 'needs_confirmation', pendingDisableTotal: 3 });
      expect((await c.logs(`runId=${held.id}&event=sync.deprovision.confirm`)).map((l) => l.message)).toEqual([
        message,
      ]);
      expect(await statuses()).toEqual(allActive());
    }
    expect((await c.sync({ force: true })).counters).toMatchObject({ disabled: 3 });
    expect((await statuses()).filter((s) => s.endsWith('(directory)'))).toEqual(
      locked.map((p) => `${emailOf(p)} disabled (directory)`),
    );

    // at the brake or below it, a delta disables at once
    await lock(locked, false);
    expect((await c.sync({ full: true })).counters).toMatchObject({ enabled: 3 });
    await lock([people[19]]);
    expect(await c.sync()).toMatchObject({ mode: 'delta', status: 'succeeded', counters: { disabled: 1 } });
    await lock([people[19]], false);
    expect((await c.sync({ full: true })).counters).toMatchObject({ enabled: 1 });
  });

  it('a pass that fails after reading locked entries disables them, under the brake; never those gone', async () => {
    const [gone, first, ...more] = people.slice(4, 8);
    await lock([first]);
    await server.ldapDelete(gone.dn);
    const missing = `ou=nowhere,${ou.dn.slice(ou.dn.indexOf(',') + 1)}`;
    const scopes = (...extra: string[]) => ({
      searchScopes: [ou.dn, ...extra].map((dn) => ({ dn, filter: PERSON_FILTER })),
      sync: SYNC,
    });
    await c.configure(server, scopes(missing));
    const failed = await c.sync({ full: true });
    expect(failed).toMatchObject({ status: 'failed', counters: { disabled: 1 } });
    expect(failed.warnings).toContain('nobody gone disabled: the directory pass did not complete');
    const afterFailed = people.map((p) => `${emailOf(p)} ${p === first ? 'disabled (directory)' : 'active'}`);
    expect(await statuses()).toEqual(afterFailed);

    // 3 of the 19 left (15.8 %): the part read already trips the brake, so the whole would too
    await lock(more.concat(people[8]));
    const held = await c.sync({ full: true });
    expect(held).toMatchObject({ status: 'failed', pendingDisableTotal: 3, counters: { disabled: 0 } });
    expect(await statuses()).toEqual(afterFailed);
    expect(await c.sync({ full: true, force: true })).toMatchObject({ status: 'failed', counters: { disabled: 3 } });

    await lock([first, ...more, people[8]], false);
    await server.ldapAdd(gone.ldif);
    await c.configure(server, scopes());
    expect(await c.sync({ full: true })).toMatchObject({ status: 'succeeded', counters: { enabled: 4, disabled: 0 } });
    expect(await statuses()).toEqual(allActive());
  });
});
