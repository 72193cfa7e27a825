import { BIND_POOL_MAX_SIZE } from '../../src/ldap/client/bind-pool.js';
import { attr } from '../../src/ldap/client/directory-entry.js';
import type { LdapConnection } from '../../src/ldap/client/ldap-connection.js';
import { ServiceConnection, type VersionedConnectionSettings } from '../../src/ldap/client/service-connection.js';
import { LdapError } from '../../src/ldap/ldap.error.js';
import { FIXTURE_USERS, OUS } from '../directories/fixtures.js';
import { generateUsersLdif } from '../directories/generate.js';
import { OpenLdapServer, startOpenLdap } from '../directories/openldap.js';
import { eventually, settingsFor, settledAccessLog, sleep } from './support/client-harness.js';

const findAlice = (connection: LdapConnection) =>
  connection.search(OUS.people, { filter: '(uid=alice)', attributes: ['mail'] });

describe('ServiceConnection', () => {
  let server: OpenLdapServer;
  let settings: VersionedConnectionSettings;
  let service: ServiceConnection;
  let baseline: number;

  beforeAll(async () => {
    server = await startOpenLdap();
    baseline = await server.connectionCount();
  });
  afterAll(() => server?.stop());

  beforeEach(() => {
    settings = { ...settingsFor(server, 'starttls'), version: 1 };
    service = new ServiceConnection(async () => settings);
  });
  afterEach(async () => {
    await service.close();
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline,
    );
  });

  it('opens and binds once, then reuses the connection for sequential and concurrent calls', async () => {
    const binds = await server.bindCount(server.serviceDn);
    for (let call = 0; call < 20; call += 1) {
      const [alice] = await service.use(findAlice);
      expect(attr(alice, 'mail')).toBe(FIXTURE_USERS.alice.mail);
    }
    await Promise.all(Array.from({ length: 20 }, () => service.use(findAlice)));
    expect(await server.connectionCount()).toBe(baseline + 1);
    expect(await server.bindCount(server.serviceDn)).toBe(binds + 1);
  });

  it('replaces the connection when the settings version changes', async () => {
    await service.use(findAlice);
    const binds = await server.bindCount(server.serviceDn);
    settings = { ...settings, version: 2 };
    await service.use(findAlice);
    await service.use(findAlice);
    expect(await server.bindCount(server.serviceDn)).toBe(binds + 1);
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline + 1,
    );
  });

  it('opens and binds again after slapd restarted', async () => {
    await service.use(findAlice);
    await server.kill();
    await server.restart();
    const [alice] = await service.use(findAlice);
    expect(alice.dn).toBe(FIXTURE_USERS.alice.dn);
    expect(await server.connectionCount()).toBe(baseline + 1);
  });

  it('runs fn once more on a fresh connection when the connection drops under it', async () => {
    await service.use(findAlice);
    let calls = 0;
    const entries = await service.use(async (connection) => {
      calls += 1;
      if (calls === 1) await server.restart();
      return findAlice(connection);
    });
    expect(calls).toBe(2);
    expect(entries).toHaveLength(1);
  });

  it('does not retry when the server answered with an error', async () => {
    let calls = 0;
    const error = await service
      .use(async (connection) => {
        calls += 1;
        return connection.search(`ou=nowhere,${server.baseDn}`);
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'LdapError', code: 'NO_SUCH_OBJECT' });
    expect(calls).toBe(1);
  });

  it('reports a wrong service password, leaves nothing open, and recovers once it is fixed', async () => {
    settings = { ...settings, bindPassword: 'wrong', version: 7 };
    await expect(service.use(findAlice)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await eventually(
      () => server.connectionCount(),
      (count) => count === baseline,
    );
    settings = { ...settings, bindPassword: server.servicePassword, version: 8 };
    expect(await service.use(findAlice)).toHaveLength(1);
  });

  describe('verifyPassword', () => {
    it('accepts the right password and names the wrong one', async () => {
      const { alice } = FIXTURE_USERS;
      await expect(service.verifyPassword(alice.dn, alice.password, settings)).resolves.toBeUndefined();
      await expect(service.verifyPassword(alice.dn, 'nope', settings)).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    });

    it('refuses an empty password without connecting at all', async () => {
      const before = await settledAccessLog(server);
      const error = await service
        .verifyPassword(FIXTURE_USERS.alice.dn, '', settings)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LdapError);
      expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: 'empty password refused before bind' });
      expect(await settledAccessLog(server)).toEqual(before);
    });

    it('leaves no socket behind after 1,000 failed binds: the bind pool at most while open, nothing once closed', async () => {
      const plain = { ...settingsFor(server, 'none'), version: 1 };
      const before = await server.connectionCount();
      for (let batch = 0; batch < 50; batch += 1) {
        const attempts = Array.from({ length: 20 }, () =>
          service.verifyPassword(FIXTURE_USERS.bob.dn, 'wrong password', plain).then(
            () => 'accepted',
            (error: LdapError) => error.code,
          ),
        );
        expect(new Set(await Promise.all(attempts))).toEqual(new Set(['INVALID_CREDENTIALS']));
      }
      await sleep(200);
      // the pool keeps its connections for the next sign-ins, never more than its size
      expect((await server.connectionCount()) - before).toBeLessThanOrEqual(BIND_POOL_MAX_SIZE);
      await service.close();
      await sleep(200);
      expect(Math.abs((await server.connectionCount()) - before)).toBeLessThanOrEqual(2);
    });
  });
});

describe('paged search through a server size limit', () => {
  const USERS = 1_250;
  let server: OpenLdapServer;
  let containerDn: string;

  beforeAll(async () => {
    const generated = await generateUsersLdif(USERS, { groups: 0 });
    containerDn = generated.containerDn;
    server = await startOpenLdap({ sizeLimit: 500, seed: false, bulkLdif: generated.path });
  });
  afterAll(() => server?.stop());

  const service = (): ServiceConnection =>
    new ServiceConnection(async () => ({ ...settingsFor(server, 'none'), version: 1 }));

  it('gets every entry, one page at a time', async () => {
    const connections = service();
    const pages = await connections.use(async (connection) => {
      const sizes: number[] = [];
      const uids = new Set<string>();
      for await (const page of connection.pagedSearch(containerDn, {
        filter: '(objectClass=inetOrgPerson)',
        attributes: ['uid'],
      })) {
        sizes.push(page.length);
        page.forEach((entry) => uids.add(attr(entry, 'uid')!));
      }
      return { sizes, uids };
    });
    await connections.close();
    expect(pages.sizes).toEqual([500, 500, 250]);
    expect(pages.uids.size).toBe(USERS);
  });

  it('runs a paged search started while another is running on a second connection', async () => {
    const connections = service();
    const baseline = await server.connectionCount();
    const peaks: number[] = [];
    const count = async (connection: LdapConnection, pageSize: number): Promise<number> => {
      let total = 0;
      for await (const page of connection.pagedSearch(containerDn, {
        filter: '(objectClass=inetOrgPerson)',
        attributes: ['uid'],
        pageSize,
      })) {
        total += page.length;
        peaks.push(await server.connectionCount());
      }
      return total;
    };
    const totals = await connections.use((connection) => Promise.all([count(connection, 100), count(connection, 300)]));
    expect(totals).toEqual([USERS, USERS]);
    expect(Math.max(...peaks)).toBe(baseline + 2);
    await eventually(
      () => server.connectionCount(),
      (open) => open === baseline + 1,
    );
    await connections.close();
  });

  it('stops early when the caller breaks, and the connection pages again afterwards', async () => {
    const connections = service();
    const firstPages = await connections.use(async (connection) => {
      const sizes: number[] = [];
      for (let round = 0; round < 2; round += 1) {
        for await (const page of connection.pagedSearch(containerDn, {
          filter: '(objectClass=inetOrgPerson)',
          pageSize: 200,
        })) {
          sizes.push(page.length);
          break;
        }
      }
      let total = 0;
      for await (const page of connection.pagedSearch(containerDn, {
        filter: '(objectClass=inetOrgPerson)',
        pageSize: 200,
      }))
        total += page.length;
      return [...sizes, total];
    });
    await connections.close();
    expect(firstPages).toEqual([200, 200, USERS]);
  });

  it('answers SIZE_LIMIT for the same search without paging', async () => {
    const connections = service();
    const error = await connections
      .use((connection) =>
        connection.search(containerDn, { filter: '(objectClass=inetOrgPerson)', attributes: ['uid'] }),
      )
      .catch((caught: unknown) => caught);
    await connections.close();
    expect(error).toMatchObject({ name: 'LdapError', code: 'SIZE_LIMIT' });
  });
});
