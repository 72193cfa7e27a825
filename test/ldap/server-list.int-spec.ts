import { Resolver } from 'node:dns/promises';

import {
  listServers,
  lookupSrv,
  orderSrvRecords,
  SRV_FRESH_MS,
  SRV_RETRY_MS,
  SRV_STALE_MS,
  SrvCache,
  type ServerListOptions,
} from '../../src/ldap/client/server-list.js';
import { LoopbackDnsServer } from '../support/dns-server.js';

const DOMAIN = 'corp.example.test';
const LDAP = `_ldap._tcp.${DOMAIN}`;
const LDAPS = `_ldaps._tcp.${DOMAIN}`;

describe('listServers: host, backup servers, then DNS SRV (served on loopback)', () => {
  let dns: LoopbackDnsServer;
  let resolver: Resolver;
  let clock: number;
  let warnings: string[];
  let options: ServerListOptions;

  beforeAll(async () => {
    dns = await LoopbackDnsServer.start();
    resolver = new Resolver({ timeout: 2_000, tries: 1 });
    resolver.setServers([dns.address]);
  });
  afterAll(() => dns?.close());

  beforeEach(() => {
    dns.records.clear();
    dns.failing.clear();
    dns.questions.length = 0;
    clock = 1_000_000;
    warnings = [];
    options = {
      resolver,
      cache: new SrvCache(),
      random: () => 0,
      now: () => clock,
      warn: (line) => warnings.push(line),
    };
  });

  const settings = (over: object = {}) => ({
    host: 'dc1.corp.example.test',
    port: 389,
    backupServers: [{ host: 'dc2.corp.example.test', port: 389 }],
    srvDomain: DOMAIN,
    encryption: 'starttls' as const,
    ...over,
  });

  it('lists host, then backups, then SRV records not already listed (host compared case-insensitively)', async () => {
    dns.records.set(LDAP, [
      { priority: 0, weight: 100, port: 389, target: 'DC1.corp.example.test' },
      { priority: 0, weight: 100, port: 389, target: 'dc3.corp.example.test' },
      { priority: 0, weight: 100, port: 3389, target: 'dc2.corp.example.test' },
    ]);
    expect(await listServers(settings(), options)).toEqual([
      { host: 'dc1.corp.example.test', port: 389, source: 'host' },
      { host: 'dc2.corp.example.test', port: 389, source: 'backup' },
      { host: 'dc3.corp.example.test', port: 389, source: 'dns-srv' },
      { host: 'dc2.corp.example.test', port: 3389, source: 'dns-srv' },
    ]);
  });

  it('asks no DNS without srvDomain, and lists only SRV servers when host is empty', async () => {
    expect(await listServers(settings({ srvDomain: null }), options)).toHaveLength(2);
    expect(dns.questions).toEqual([]);
    dns.records.set(LDAP, [{ priority: 0, weight: 0, port: 389, target: 'dc9.corp.example.test' }]);
    expect(await listServers(settings({ host: '', backupServers: [] }), options)).toEqual([
      { host: 'dc9.corp.example.test', port: 389, source: 'dns-srv' },
    ]);
  });

  it('orders by priority, then weighted at random within a priority (RFC 2782)', async () => {
    dns.records.set(LDAP, [
      { priority: 20, weight: 0, port: 389, target: 'late.corp.example.test' },
      { priority: 10, weight: 0, port: 389, target: 'zero.corp.example.test' },
      { priority: 10, weight: 60, port: 389, target: 'heavy.corp.example.test' },
      { priority: 10, weight: 40, port: 389, target: 'light.corp.example.test' },
      { priority: 10, weight: 5, port: 389, target: '.' },
    ]);
    const hosts = async (random: () => number) =>
      (await lookupSrv(DOMAIN, 'none', { ...options, cache: new SrvCache(), random })).servers.map((s) => s.host);
    // random 0 picks the first running sum >= 0: the weight-0 record, put first by the RFC
    expect(await hosts(() => 0)).toEqual([
      'zero.corp.example.test',
      'heavy.corp.example.test',
      'light.corp.example.test',
      'late.corp.example.test',
    ]);
    // near 1 picks the last running sum: light (sum 100) before heavy; "." means no service and is dropped
    expect(await hosts(() => 0.999)).toEqual([
      'light.corp.example.test',
      'heavy.corp.example.test',
      'zero.corp.example.test',
      'late.corp.example.test',
    ]);
  });

  it('spreads picks by weight', () => {
    const records = [
      { priority: 0, weight: 3, port: 389, name: 'a' },
      { priority: 0, weight: 1, port: 389, name: 'b' },
    ];
    const first = { a: 0, b: 0 };
    for (let i = 0; i < 5; i += 1) first[orderSrvRecords(records, () => i / 5)[0].name as 'a' | 'b'] += 1;
    // pick = floor(i / 5 * 5) = 0..4 over running sums a:3, b:4: a for 0..3, b for 4
    expect(first).toEqual({ a: 4, b: 1 });
  });

  it('with ssl asks _ldaps._tcp first and uses its ports', async () => {
    dns.records.set(LDAPS, [{ priority: 0, weight: 0, port: 10636, target: 'dc5.corp.example.test' }]);
    dns.records.set(LDAP, [{ priority: 0, weight: 0, port: 389, target: 'dc6.corp.example.test' }]);
    const lookup = await lookupSrv(DOMAIN, 'ssl', options);
    expect(lookup.name).toBe(LDAPS);
    expect(lookup.servers).toEqual([{ host: 'dc5.corp.example.test', port: 10636, source: 'dns-srv' }]);
  });

  it('with ssl and no _ldaps._tcp records, reads _ldap._tcp port 389 as 636 and keeps other ports', async () => {
    dns.records.set(LDAP, [
      { priority: 0, weight: 0, port: 389, target: 'dc6.corp.example.test' },
      { priority: 1, weight: 0, port: 3269, target: 'dc7.corp.example.test' },
    ]);
    const lookup = await lookupSrv(DOMAIN, 'ssl', options);
    expect(dns.questions).toEqual([LDAPS, LDAP]);
    expect(lookup.name).toBe(LDAP);
    expect(lookup.servers.map((s) => `${s.host}:${s.port}`)).toEqual([
      'dc6.corp.example.test:636',
      'dc7.corp.example.test:3269',
    ]);
  });

  it('caches an answer per domain, keeps the last good one when a lookup fails, and says so', async () => {
    dns.records.set(LDAP, [{ priority: 0, weight: 0, port: 389, target: 'dc3.corp.example.test' }]);
    await lookupSrv(DOMAIN, 'none', options);
    dns.records.set(LDAP, [{ priority: 0, weight: 0, port: 389, target: 'dc4.corp.example.test' }]);
    clock += SRV_FRESH_MS - 1;
    const cached = await lookupSrv(DOMAIN, 'none', options);
    expect(cached.servers[0].host).toBe('dc3.corp.example.test');
    expect(cached.cachedMs).toBe(SRV_FRESH_MS - 1);
    expect(dns.questions).toEqual([LDAP]);

    dns.failing.add(LDAP);
    clock += 1;
    const stale = await lookupSrv(DOMAIN, 'none', options);
    expect(dns.questions).toEqual([LDAP, LDAP]);
    expect(stale.servers[0].host).toBe('dc3.corp.example.test');
    expect(stale.error).toBeDefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`SRV lookup of ${LDAP} failed .*using the answer from 300 s ago`));

    // not asked again before SRV_RETRY_MS
    clock += SRV_RETRY_MS - 1;
    expect((await lookupSrv(DOMAIN, 'none', options)).servers[0].host).toBe('dc3.corp.example.test');
    expect(dns.questions).toHaveLength(2);

    // past SRV_STALE_MS the old answer is dropped
    clock = 1_000_000 + SRV_STALE_MS;
    const gone = await lookupSrv(DOMAIN, 'none', options);
    expect(gone.servers).toEqual([]);
    expect(gone.error).toBeDefined();
    expect(warnings[1]).toMatch(/no earlier answer to use/);

    dns.failing.clear();
    clock += SRV_RETRY_MS;
    expect((await lookupSrv(DOMAIN, 'none', options)).servers[0].host).toBe('dc4.corp.example.test');
  });

  it('a domain without records is an empty list, not an error', async () => {
    const lookup = await lookupSrv('nothing.example.test', 'starttls', options);
    expect(lookup).toMatchObject({ servers: [], records: [] });
    expect(lookup.error).toBeUndefined();
    expect(await listServers(settings({ srvDomain: 'nothing.example.test' }), options)).toHaveLength(2);
  });
});
