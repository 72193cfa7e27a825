import { LdapConnection, type PageSizeRefusal } from '../../src/ldap/client/ldap-connection.js';
import { IMPORT_PAGE_SIZE } from '../../src/sync/run/import-pass.step.js';
import { fixtureUsersIn, OUS } from '../directories/fixtures.js';
import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { sqliteUrl } from '../support/databases.js';
import { SyncClient } from '../sync/support/sync-harness.js';
import { settingsFor } from './support/client-harness.js';
import { DiagnosticsClient } from './support/diagnostics-harness.js';

// slapd's size.pr: a paged search asking for larger pages answers 11 adminLimitExceeded. Below
// the import's own cap (IMPORT_PAGE_SIZE, 100), so the import meets the limit too.
const PAGE_SIZE_LIMIT = 60;
const PERSON = '(objectClass=inetOrgPerson)';

describe(`a page size the server refuses (slapd size.pr=${PAGE_SIZE_LIMIT})`, () => {
  let server: OpenLdapServer;
  let c: SyncClient;

  beforeAll(async () => {
    [server, c] = await Promise.all([
      startOpenLdap({ tls: 'none', pageSizeLimit: PAGE_SIZE_LIMIT }),
      sqliteUrl().then((url) => SyncClient.start(url)),
    ]);
  });
  afterAll(async () => {
    await c?.close();
    await server?.stop();
  });

  it('a paged search retries with smaller pages until the server takes them, and says so', async () => {
    const conn = await LdapConnection.openBound(settingsFor(server, 'none'));
    try {
      const refusals: PageSizeRefusal[] = [];
      const entries = [];
      const pages = conn.pagedSearch(OUS.people, {
        filter: PERSON,
        pageSize: 500,
        onPageSizeRefused: (refusal) => refusals.push(refusal),
      });
      for await (const page of pages) entries.push(...page);
      expect(entries).toHaveLength(fixtureUsersIn('people').length);
      expect(refusals.map((r) => [r.refused, r.next])).toEqual([
        [500, 250],
        [250, 125],
        [125, 62],
        [62, 31],
      ]);
      expect(refusals[0].reason).toBe('the directory server refused the search at an administrative limit');
    } finally {
      await conn.close();
    }
  });

  it('the connection test counts every user and reports the limit it found', async () => {
    const api = new DiagnosticsClient(c.t, c.cookie);
    const report = await api.diagnose({
      enabled: true,
      host: server.host,
      port: server.port,
      encryption: 'none',
      bindDn: server.serviceDn,
      bindPassword: server.servicePassword,
      searchScopes: [{ dn: OUS.people, filter: PERSON }],
      pageSize: 5000,
    });
    expect(report.ok).toBe(true);
    expect(report.scopes?.[0].users).toBe(fixtureUsersIn('people').length);
    const search = report.steps.find((s) => s.step === 'search')!;
    expect(search.warnings?.join(' ')).toContain(
      'the server refuses pages of 78 entries (the directory server refused the search at an administrative limit); pages of 39 worked',
    );
  });

  it('a sync with a page size above the limit completes and its log says the page size was lowered', async () => {
    await c.configure(server, { pageSize: 5000 });
    const run = await c.sync();
    expect(run.status).toBe('succeeded');
    expect(run.counters.created).toBeGreaterThan(0);
    const lowered = await c.logs(`runId=${run.id}&event=sync.page-size.lowered`);
    // one warning per refusal, per scope (each scope's search starts again from the settings' size,
    // capped at IMPORT_PAGE_SIZE)
    const byScope = new Map<string, number[]>();
    for (const line of [...lowered].reverse()) {
      const { scope, refused } = line.details as { scope: string; refused: number };
      byScope.set(scope, [...(byScope.get(scope) ?? []), refused]);
    }
    expect(byScope.size).toBeGreaterThan(0);
    for (const refused of byScope.values()) expect(refused).toEqual([IMPORT_PAGE_SIZE]);
    expect(lowered.every((line) => line.level === 'warn')).toBe(true);
    expect(lowered.at(-1)!.message).toContain(`the server refused pages of ${IMPORT_PAGE_SIZE} entries`);
  });
});
