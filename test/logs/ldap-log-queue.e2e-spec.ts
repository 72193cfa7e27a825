import { DataSource } from 'typeorm';

import { LOG_QUEUE_CAPACITY, LdapLogService, type LogEntry } from '../../src/logs/ldap-log.service.js';
import { generateUsersLdif, type GeneratedUsers } from '../directories/generate.js';
import { type OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { PERSON_FILTER, SyncClient } from '../sync/support/sync-harness.js';

const PRODUCERS = 4;
const CALLS = 30;
const PER_CALL = 100;
/** More than the queue holds, so producers meet back-pressure. */
const LINES = PRODUCERS * CALLS * PER_CALL;
const USERS = 1_500;

/** PRODUCERS concurrent callers appending CALLS × PER_CALL lines each, as fast as append lets them. */
async function burst(logs: LdapLogService, event: string): Promise<void> {
  await Promise.all(
    Array.from({ length: PRODUCERS }, async (_, p) => {
      for (let call = 0; call < CALLS; call += 1) {
        const lines: LogEntry[] = Array.from({ length: PER_CALL }, (_, i) => ({
          level: 'info',
          event,
          message: `${p}:${call * PER_CALL + i}`,
          details: { p },
        }));
        await logs.append(...lines);
      }
    }),
  );
}

async function messages(t: TestApp, event: string): Promise<string[]> {
  const rows: { message: string }[] = await t.app
    .get(DataSource)
    .query('SELECT message FROM ldap_logs WHERE event = ? ORDER BY id', [event]);
  return rows.map((r) => r.message);
}

/** Every producer's lines, each exactly once and in the order it appended them. */
function expectEveryLineInOrder(lines: string[]): void {
  expect(lines).toHaveLength(LINES);
  for (let p = 0; p < PRODUCERS; p += 1) {
    const own = lines.filter((m) => m.startsWith(`${p}:`)).map((m) => Number(m.slice(m.indexOf(':') + 1)));
    expect(own).toEqual(Array.from({ length: CALLS * PER_CALL }, (_, i) => i));
  }
}

describe.each(testDatabases())('LDAP log write queue on $name', (db) => {
  it('writes every appended line of a burst larger than the queue, in order', async () => {
    expect(LINES).toBeGreaterThan(LOG_QUEUE_CAPACITY);
    const t = await startTestApp(await db.url());
    try {
      const logs = t.app.get(LdapLogService);
      await burst(logs, 'test.burst');
      await logs.flush();
      expect(logs.queued).toBe(0);
      expectEveryLineInOrder(await messages(t, 'test.burst'));
    } finally {
      await t.close();
    }
  }, 60_000);

  it('writes the lines still queued when the application shuts down gracefully mid-burst', async () => {
    const url = await db.url();
    const t = await startTestApp(url);
    const logs = t.app.get(LdapLogService);
    await burst(logs, 'test.shutdown');
    // the last append returned once its lines were queued: they cannot have been written yet
    expect(logs.queued).toBeGreaterThanOrEqual(PER_CALL);
    await t.close();
    const reopened = await startTestApp(url);
    try {
      expectEveryLineInOrder(await messages(reopened, 'test.shutdown'));
    } finally {
      await reopened.close();
    }
  }, 60_000);

  it('reads through the API see lines appended just before', async () => {
    const t = await startTestApp(await db.url());
    try {
      const logs = t.app.get(LdapLogService);
      await logs.append({ level: 'warn', event: 'test.read', message: 'appended, then read' });
      const page = await logs.find({ event: 'test.read', page: 1, pageSize: 10 });
      expect(page.items.map((l) => l.message)).toEqual(['appended, then read']);
    } finally {
      await t.close();
    }
  });
});

describe('LDAP log lines of an import run', () => {
  let generated: GeneratedUsers;
  let server: OpenLdapServer;

  beforeAll(async () => {
    generated = await generateUsersLdif(USERS, { groups: 3 });
    server = await startOpenLdap({ tls: 'none', seed: false, bulkLdif: generated.path });
  });
  afterAll(() => server?.stop());

  describe.each(testDatabases())('on $name', (db) => {
    it('has one line per created user once the run is done', async () => {
      const c = await SyncClient.start(await db.url());
      try {
        await c.configure(server, { searchScopes: [{ dn: generated.containerDn, filter: PERSON_FILTER }] });
        const run = await c.sync({ full: true });
        expect(run.counters).toMatchObject({ created: USERS, failed: 0 });
        const lines = await messages(c.t, 'sync.user.created');
        expect(lines).toHaveLength(USERS);
        expect(new Set(lines).size).toBe(USERS);
      } finally {
        await c.close();
      }
    }, 60_000);
  });
});
