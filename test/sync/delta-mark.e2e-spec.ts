import { Client } from 'ldapts';

import { SyncRunsRepository } from '../../src/sync/sync-runs.repository.js';
import { FIXTURE_USERS, OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { testDatabases } from '../support/databases.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { type RunView, SyncClient } from './support/sync-harness.js';

const { alice, carol, plee } = FIXTURE_USERS;
/** Twelve more people after the fixtures: with pages of 10, ou=people is read in two pages. */
const FILLERS = Array.from({ length: 12 }, (_, i) => {
  const uid = `filler${String(i + 1).padStart(2, '0')}`;
  return { uid, dn: `uid=${uid},${OUS.people}`, mail: `${uid}@example.com` };
});
const FILLER_LDIF = FILLERS.map(
  (f) =>
    `dn: ${f.dn}\nobjectClass: inetOrgPerson\nuid: ${f.uid}\ncn: ${f.uid}\nsn: Filler\nmail: ${f.mail}\ntitle: Filler\n`,
).join('\n');
const LAST_FILLER = FILLERS[FILLERS.length - 1];

/**
 * The delta mark is the server's (here slapd's contextCSN), read as a run starts. "During a run"
 * is made exact by the fault proxy: it holds the request for the second page of ou=people (the
 * first page is already read), the test changes entries through ldapi, then lets it go.
 */
describe.each(testDatabases())('delta mark on $name', (db) => {
  let server: OpenLdapServer;
  let markless: OpenLdapServer;
  let proxy: FaultProxy;
  let c: SyncClient;

  beforeAll(async () => {
    [server, markless, c] = await Promise.all([
      startOpenLdap({ tls: 'none' }),
      startOpenLdap({ tls: 'none', contextCsn: false }),
      db.url().then((url) => SyncClient.start(url)),
    ]);
    await server.ldapAdd(FILLER_LDIF);
    proxy = await FaultProxy.start(server);
    await c.configure(server, { host: proxy.host, port: proxy.port, pageSize: 10, timeoutMs: 30_000 });
    expect((await c.sync({ full: true })).status).toBe('succeeded');
  });
  afterAll(async () => {
    await c?.close();
    await proxy?.close();
    await Promise.all([server?.stop(), markless?.stop()]);
  });

  const title = (dn: string, value: string) => server.ldapModify(replaceRecord(dn, 'title', [value]));
  const jobTitles = async () => new Map([...(await c.directoryUsers())].map(([mail, user]) => [mail, user.jobTitle]));
  /** Runs a sync, holding it once the first page of ou=people is read; `during` changes the directory meanwhile. */
  const syncPausedAfterFirstPage = async (body: object, during: () => Promise<void>): Promise<RunView> => {
    const pause = proxy.fault({ contains: OUS.people, action: 'hold', skip: 1 });
    const res = await c.trigger(body);
    expect(res.status).toBe(202);
    await pause.hit;
    await during();
    pause.release();
    return c.finished(res.body.runId);
  };
  const storedMark = async (runId: string) => (await c.t.app.get(SyncRunsRepository).get(runId))?.highWaterMark;
  const modifyTimestamp = async (dn: string) => {
    const client = new Client({ url: server.url });
    try {
      await client.bind(SERVICE_ACCOUNT.dn, SERVICE_ACCOUNT.password);
      const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['modifyTimestamp'] });
      return String(searchEntries[0].modifyTimestamp);
    } finally {
      await client.unbind();
    }
  };

  it('a change made during a full run to an entry it already read is picked up by the next delta', async () => {
    const full = await syncPausedAfterFirstPage({ full: true }, async () => {
      await title(alice.dn, 'Changed while the full run read on');
      await title(LAST_FILLER.dn, 'Changed before the full run got here');
    });
    expect(full).toMatchObject({ status: 'succeeded', mode: 'full' });
    let titles = await jobTitles();
    // the full run read alice (page 1) before the change, the last filler (page 2) after it
    expect(titles.get(alice.mail)).toBe(alice.title);
    expect(titles.get(LAST_FILLER.mail)).toBe('Changed before the full run got here');

    const delta = await c.sync();
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
    titles = await jobTitles();
    expect(titles.get(alice.mail)).toBe('Changed while the full run read on');
    const again = await c.sync();
    expect(again).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(again.counters).toMatchObject({ updated: 0, created: 0, failed: 0 });
  });

  it('a change in the same second as the mark is read again by the next delta, and nothing is written for it', async () => {
    // held while it reads the mark: carol's change is the last one before it, so contextCSN is that change
    const pause = proxy.fault({ contains: 'contextCSN', action: 'hold' });
    const res = await c.trigger();
    await pause.hit;
    await title(carol.dn, 'Changed just before the mark');
    pause.release();
    const delta = await c.finished(res.body.runId);
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(delta.counters.updated).toBe(1);
    expect(await storedMark(delta.id)).toBe(`modifyTimestamp:${await modifyTimestamp(carol.dn)}`);

    const next = await c.sync();
    expect(next).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(next.counters.seen).toBeGreaterThanOrEqual(1);
    expect(next.counters).toMatchObject({ updated: 0, unchanged: next.counters.seen, failed: 0 });
    expect((await jobTitles()).get(carol.mail)).toBe('Changed just before the mark');
  });

  it('a change made while a delta runs, to an entry it already read, is picked up by the next delta', async () => {
    // eleven changed entries in ou=people: two pages of ten
    await server.ldapModify(
      [alice, ...FILLERS.slice(0, 10)]
        .map((entry) => replaceRecord(entry.dn, 'title', ['First delta value']))
        .join('\n'),
    );
    const delta = await syncPausedAfterFirstPage({}, () => title(alice.dn, 'Changed while the delta ran'));
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(delta.progress.pages).toBeGreaterThanOrEqual(2);
    let titles = await jobTitles();
    expect(titles.get(alice.mail)).toBe('First delta value');
    expect(titles.get(FILLERS[9].mail)).toBe('First delta value');

    expect(await c.sync()).toMatchObject({ status: 'succeeded', mode: 'delta' });
    titles = await jobTitles();
    expect(titles.get(alice.mail)).toBe('Changed while the delta ran');
  });

  it('a deleted entry is only acted on by a full run', async () => {
    await server.ldapDelete(plee.dn);
    const delta = await c.sync();
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(delta.counters.disabled).toBe(0);
    expect((await c.directoryUsers()).get(plee.mail)?.status).toBe('active');
    const full = await c.sync({ full: true });
    expect(full.counters).toMatchObject({ disabled: 1, failed: 0 });
    expect((await c.directoryUsers()).get(plee.mail)?.status).toBe('disabled');
  });

  it('a directory that publishes no change mark gets full runs only, and the run says why', async () => {
    // another directory without the fillers: nobody is disabled for that here
    await c.configure(markless, { sync: { deprovision: 'none', maxDisablePercent: 10, fullSyncEveryHours: 24 } });
    const first = await c.sync({ full: true });
    expect(first.status).toBe('succeeded');
    expect(first.warnings.join(' ')).toMatch(/publishes no change mark .*every run is a full one/);
    expect(await storedMark(first.id)).toBeNull();
    expect(await c.sync()).toMatchObject({ status: 'succeeded', mode: 'full' });
  });
});
