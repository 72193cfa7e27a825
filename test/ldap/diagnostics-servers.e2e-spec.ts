import { Resolver } from 'node:dns/promises';

import { configureSrvResolver } from '../../src/ldap/client/server-list.js';
import { fixtureUsersIn, OUS } from '../directories/fixtures.js';
import { OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { LoopbackDnsServer } from '../support/dns-server.js';
import { freePort } from '../support/free-port.js';
import { DiagnosticsClient, PERSON, SCOPES, stepNames } from './support/diagnostics-harness.js';
import { settingsFor } from './support/client-harness.js';

const DOMAIN = 'corp.example.test';
const ALL_STEPS = ['resolve', 'connect', 'tls', 'bind', 'search'];

/** "Test connection" with several servers: two slapd with the same entries, one of them down, and SRV on loopback DNS. */
describe('LDAP diagnostics across several servers', () => {
  let first: OpenLdapServer;
  let second: OpenLdapServer;
  let dns: LoopbackDnsServer;
  let t: TestApp;
  let api: DiagnosticsClient;

  beforeAll(async () => {
    [first, second] = await Promise.all([startOpenLdap(), startOpenLdap()]);
    dns = await LoopbackDnsServer.start();
    const resolver = new Resolver({ timeout: 2_000, tries: 1 });
    resolver.setServers([dns.address]);
    configureSrvResolver(resolver);
    const [sqlite] = testDatabases();
    t = await startTestApp(await sqlite.url());
    api = new DiagnosticsClient(t, await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
  });
  afterAll(async () => {
    configureSrvResolver(undefined);
    await t?.close();
    await dns?.close();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  /** A settings body binding the service account over StartTLS; both slapd share the CA and the account. */
  const body = (server: OpenLdapServer, overrides: object = {}) => ({
    ...settingsFor(server, 'starttls'),
    searchScopes: SCOPES,
    ...overrides,
  });
  const people = fixtureUsersIn('people').length;

  it('both servers up: each is tested through every step, and no warning', async () => {
    const report = await api.diagnose(body(first, { backupServers: [{ host: '127.0.0.1', port: second.port }] }));
    expect(report.ok).toBe(true);
    expect(report.servers.map((s) => [s.port, s.source, s.ok])).toEqual([
      [first.port, 'host', true],
      [second.port, 'backup', true],
    ]);
    for (const server of report.servers) expect(stepNames(server.steps)).toEqual(ALL_STEPS);
    expect(report.servers[1].scopes?.[0]).toEqual({ dn: OUS.people, filter: PERSON, users: people, capped: false });
    expect(report.steps).toEqual(report.servers[0].steps);
    expect(report.warnings).toEqual([]);
    expect(report.srv).toBeUndefined();
  });

  describe('with the second slapd down', () => {
    beforeAll(() => second.kill());
    afterAll(() => second.restart());

    it('the host down, the backup up: ok, the top-level steps are the backup’s, a warning names the host', async () => {
      const report = await api.diagnose(body(second, { backupServers: [{ host: '127.0.0.1', port: first.port }] }));
      expect(report.ok).toBe(true);
      const [down, up] = report.servers;
      expect(down).toMatchObject({ port: second.port, source: 'host', ok: false, reachable: false });
      expect(stepNames(down.steps)).toEqual(['resolve', 'connect']);
      expect(down.steps[1]).toMatchObject({ ok: false, code: 'UNREACHABLE' });
      expect(up).toMatchObject({ port: first.port, source: 'backup', ok: true, reachable: true });
      expect(report.steps).toEqual(up.steps);
      expect(report.serverType).toBe('openldap');
      expect(report.warnings).toEqual([expect.stringContaining(`127.0.0.1:${second.port} (host) failed at connect`)]);
    });

    it('the host up, a backup down and one on a closed port: ok, one warning per failed backup', async () => {
      const closed = await freePort();
      const report = await api.diagnose(
        body(first, {
          backupServers: [
            { host: '127.0.0.1', port: second.port },
            { host: '127.0.0.1', port: closed },
          ],
        }),
      );
      expect(report.ok).toBe(true);
      expect(report.servers.map((s) => s.ok)).toEqual([true, false, false]);
      expect(report.warnings).toEqual([
        expect.stringContaining(`127.0.0.1:${second.port} (backup server) failed at connect`),
        expect.stringContaining(`127.0.0.1:${closed} (backup server) failed at connect`),
      ]);
    });

    it('every server down: not ok, the first server’s steps on top', async () => {
      const closed = await freePort();
      const report = await api.diagnose(body(second, { backupServers: [{ host: '127.0.0.1', port: closed }] }));
      expect(report.ok).toBe(false);
      expect(report.steps).toEqual(report.servers[0].steps);
      expect(report.warnings).toHaveLength(2);
    });

    it('servers from DNS SRV: the lookup on its own line, each record tested in RFC 2782 order', async () => {
      dns.records.set(`_ldap._tcp.${DOMAIN}`, [
        { priority: 10, weight: 0, port: first.port, target: '127.0.0.1' },
        { priority: 0, weight: 0, port: second.port, target: '127.0.0.1' },
      ]);
      const report = await api.diagnose(body(first, { host: '', srvDomain: DOMAIN }));
      expect(report.srv).toMatchObject({
        domain: DOMAIN,
        name: `_ldap._tcp.${DOMAIN}`,
        ok: true,
        records: [
          { host: '127.0.0.1', port: second.port, priority: 0, weight: 0 },
          { host: '127.0.0.1', port: first.port, priority: 10, weight: 0 },
        ],
      });
      expect(report.servers.map((s) => [s.port, s.source, s.ok])).toEqual([
        [second.port, 'dns-srv', false],
        [first.port, 'dns-srv', true],
      ]);
      expect(report.ok).toBe(true);
    });
  });

  it('a failed SRV lookup and no other server: not ok, and the lookup error is shown', async () => {
    const domain = 'broken.example.test';
    dns.failing.add(`_ldap._tcp.${domain}`);
    const report = await api.diagnose(body(first, { host: '', srvDomain: domain }));
    expect(report.ok).toBe(false);
    expect(report.servers).toEqual([]);
    expect(report.srv).toMatchObject({ domain, ok: false, records: [] });
    expect(report.srv?.message).toMatch(new RegExp(`SRV lookup of _ldap._tcp.${domain} failed`));
    expect(report.steps).toEqual([expect.objectContaining({ step: 'resolve', ok: false })]);
    expect(report.steps[0].message).toMatch(/no server to test/);
  });

  it('a discovered server goes through the target check like any other (refused before it is dialled)', async () => {
    const domain = 'metadata.example.test';
    dns.records.set(`_ldap._tcp.${domain}`, [{ priority: 0, weight: 0, port: 389, target: '169.254.169.254' }]);
    const report = await api.diagnose(body(first, { srvDomain: domain }));
    expect(report.ok).toBe(true);
    const refused = report.servers[1];
    expect(refused).toMatchObject({ host: '169.254.169.254', source: 'dns-srv', ok: false, reachable: false });
    expect(refused.steps).toEqual([expect.objectContaining({ step: 'resolve', ok: false, code: 'TARGET_REFUSED' })]);
  });
});
