import { existsSync } from 'node:fs';
import { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError, SizeLimitExceededError } from 'ldapts';

import { requireBinary } from '../support/prerequisites.js';
import { isAlive, run } from '../support/processes.js';
import { ALL_FIXTURE_USERS, FIXTURE_GROUPS, FIXTURE_USERS, fixtureUsersIn, FixtureUser, OUS } from './fixtures.js';
import { generateUsersLdif } from './generate.js';
import { replaceRecord } from './ldif.js';
import { OpenLdapServer, startOpenLdap } from './openldap.js';
import { tlsMaterial } from './tls.js';

function client(url: string, tlsOptions?: ConnectionOptions, timeout = 5_000): Client {
  return new Client({ url, tlsOptions, timeout, connectTimeout: 2_000 });
}

async function using<T>(ldap: Client, use: (ldap: Client) => Promise<T>): Promise<T> {
  try {
    return await use(ldap);
  } finally {
    await ldap.unbind().catch(() => undefined);
  }
}

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const sorted = (values: readonly string[]): string[] => [...values].sort();

async function eventually(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('throwaway OpenLDAP', () => {
  let server: OpenLdapServer;
  const asService = <T>(use: (ldap: Client) => Promise<T>): Promise<T> =>
    using(client(server.url), async (ldap) => {
      await ldap.bind(server.serviceDn, server.servicePassword);
      return use(ldap);
    });

  beforeAll(async () => {
    server = await startOpenLdap();
  });
  afterAll(() => server?.stop());

  it('lets the service account search the people OU, persons only', async () => {
    const { searchEntries } = await asService((ldap) =>
      ldap.search(OUS.people, { filter: '(objectClass=inetOrgPerson)', attributes: ['uid'] }),
    );
    expect(sorted(searchEntries.map((entry) => String(entry.uid)))).toEqual(
      sorted(fixtureUsersIn('people').map((user) => user.uid)),
    );
  });

  it('holds every fixture entry exactly as fixtures.ts describes it, memberOf included', async () => {
    const expectedGroups = (user: FixtureUser): string[] => sorted(user.groups.map((name) => FIXTURE_GROUPS[name].dn));
    await asService(async (ldap) => {
      for (const user of ALL_FIXTURE_USERS) {
        const { searchEntries } = await ldap.search(user.dn, { scope: 'base', attributes: ['*', 'memberOf'] });
        const [entry] = searchEntries;
        expect({
          dn: entry.dn,
          uid: entry.uid,
          cn: entry.cn,
          givenName: entry.givenName,
          sn: entry.sn,
          mail: entry.mail,
          title: entry.title,
          telephoneNumber: entry.telephoneNumber,
          memberOf: sorted(asList(entry.memberOf) as string[]),
        }).toEqual({
          dn: user.dn,
          uid: user.uid,
          cn: user.cn,
          givenName: user.givenName,
          sn: user.sn,
          mail: user.mail,
          title: user.title,
          telephoneNumber: user.telephoneNumber,
          memberOf: expectedGroups(user),
        });
      }
    });
  });

  it.each(ALL_FIXTURE_USERS.filter((user) => !user.locked))('binds as $dn with its fixture password', async (user) => {
    await using(client(server.url), (ldap) => ldap.bind(user.dn, user.password));
  });

  it('refuses the locked account and a wrong password with 49', async () => {
    const { locked, alice } = FIXTURE_USERS;
    await expect(using(client(server.url), (ldap) => ldap.bind(locked.dn, locked.password))).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await expect(using(client(server.url), (ldap) => ldap.bind(alice.dn, 'wrong'))).rejects.toMatchObject({ code: 49 });
  });

  it('speaks LDAPS and StartTLS with the throwaway CA, and fails verification with another CA', async () => {
    const ca = { ca: [server.caCertPem] };
    const { alice } = FIXTURE_USERS;
    await using(client(server.ldapsUrl, ca), (ldap) => ldap.bind(alice.dn, alice.password));
    await using(client(server.url), async (ldap) => {
      await ldap.startTLS(ca);
      await ldap.bind(alice.dn, alice.password);
    });
    const wrongCa = { ca: [(await tlsMaterial()).wrongCa.pem] };
    // slapd (GnuTLS) sends its CA along with the certificate, hence "self-signed in chain"
    await expect(
      using(client(server.ldapsUrl, wrongCa), (ldap) => ldap.bind(alice.dn, alice.password)),
    ).rejects.toMatchObject({
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
  });

  it('counts simple binds and established connections', async () => {
    const { bob } = FIXTURE_USERS;
    await eventually(async () => (await server.connectionCount()) === 0); // earlier tests' connections
    const before = await server.bindCount(bob.dn);
    const open = [client(server.url), client(server.ldapsUrl, { ca: [server.caCertPem] })];
    await Promise.all(open.map((ldap) => ldap.bind(bob.dn, bob.password)));
    expect(await server.bindCount(bob.dn)).toBe(before + 2);
    expect(await server.connectionCount()).toBe(2);
    await Promise.all(open.map((ldap) => ldap.unbind()));
    await eventually(async () => (await server.connectionCount()) === 0);
  });

  it('adds, renames, locks and deletes entries through ldapi://', async () => {
    const dn = `uid=temp,${OUS.people}`;
    await server.ldapAdd(
      `dn: ${dn}\nobjectClass: inetOrgPerson\nuid: temp\ncn: Temp\nsn: Temp\nuserPassword: Passw0rd!\n`,
    );
    await server.ldapModify(`dn: cn=support,${OUS.groups}\nchangetype: modify\nadd: member\nmember: ${dn}\n`);
    await server.modrdn(dn, 'uid=temp2', { newSuperior: OUS.staff });
    const moved = `uid=temp2,${OUS.staff}`;
    const memberOf = await asService(
      async (ldap) => (await ldap.search(moved, { scope: 'base', attributes: ['memberOf'] })).searchEntries[0].memberOf,
    );
    expect(memberOf).toBe(FIXTURE_GROUPS.support.dn); // refint followed the rename
    await server.setLocked(moved, true);
    await expect(using(client(server.url), (ldap) => ldap.bind(moved, 'Passw0rd!'))).rejects.toMatchObject({
      code: 49,
    });
    await server.setLocked(moved, false);
    await using(client(server.url), (ldap) => ldap.bind(moved, 'Passw0rd!'));
    await server.ldapDelete(moved);
    await expect(asService((ldap) => ldap.search(moved, { scope: 'base' }))).rejects.toMatchObject({ code: 32 });
  });

  it('stops answering while paused and after kill(), and comes back with its data', async () => {
    await server.pause();
    await expect(
      using(client(server.url, undefined, 300), (ldap) => ldap.bind(server.serviceDn, server.servicePassword)),
    ).rejects.toThrow();
    server.resume();
    await server.kill();
    await expect(
      using(client(server.url), (ldap) => ldap.bind(server.serviceDn, server.servicePassword)),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await server.restart();
    const { alice } = FIXTURE_USERS;
    await using(client(server.url), (ldap) => ldap.bind(alice.dn, alice.password));
  });
});

describe('OpenLDAP TLS failure modes', () => {
  const servers: OpenLdapServer[] = [];
  const { alice } = FIXTURE_USERS;
  const bindOver = (url: string, server: OpenLdapServer): Promise<void> =>
    using(client(url, { ca: [server.caCertPem] }), (ldap) => ldap.bind(alice.dn, alice.password));

  beforeAll(async () => {
    servers.push(
      ...(await Promise.all((['expired', 'wrong-host', 'none'] as const).map((tls) => startOpenLdap({ tls })))),
    );
  });
  afterAll(() => Promise.all(servers.map((server) => server.stop())));

  it('rejects an expired certificate', async () => {
    await expect(bindOver(servers[0].ldapsUrl, servers[0])).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
  });

  it('rejects a certificate for another host name', async () => {
    await expect(bindOver(servers[1].ldapsUrl, servers[1])).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it("refuses StartTLS and LDAPS when tls is 'none', while plain LDAP works", async () => {
    const server = servers[2];
    await using(client(server.url), (ldap) => ldap.bind(alice.dn, alice.password));
    await expect(using(client(server.url), (ldap) => ldap.startTLS({ ca: [server.caCertPem] }))).rejects.toThrow();
    await expect(bindOver(server.ldapsUrl, server)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('OpenLDAP with a generated directory', () => {
  let server: OpenLdapServer;
  let users: Awaited<ReturnType<typeof generateUsersLdif>>;

  beforeAll(async () => {
    users = await generateUsersLdif(1_200, { ous: 3, groups: 5 });
    server = await startOpenLdap({ bulkLdif: users.path });
  });
  afterAll(() => server?.stop());

  it('caps plain searches at sizeLimit (500) but pages through every user, memberOf included', async () => {
    await using(client(server.url), async (ldap) => {
      await ldap.bind(server.serviceDn, server.servicePassword);
      const filter = '(objectClass=inetOrgPerson)';
      await expect(ldap.search(users.containerDn, { filter })).rejects.toBeInstanceOf(SizeLimitExceededError);
      const { searchEntries } = await ldap.search(users.containerDn, {
        filter,
        attributes: ['uid', 'memberOf'],
        paged: { pageSize: 1000 },
      });
      expect(searchEntries).toHaveLength(1_200);
      expect(searchEntries.every((entry) => asList(entry.memberOf).length >= 1)).toBe(true);
      await ldap.bind(users.dn(42), 'Passw0rd!');
    });
  });

  it('keeps the fixtures next to the generated users', async () => {
    const { alice } = FIXTURE_USERS;
    await using(client(server.url), (ldap) => ldap.bind(alice.dn, alice.password));
  });
});

/** The mdb database's olcDbIndex values, read from cn=config as the local root over ldapi://. */
async function dbIndexes(server: OpenLdapServer): Promise<string[]> {
  const { stdout } = await run(requireBinary('ldapsearch'), [
    ...['-Q', '-LLL', '-Y', 'EXTERNAL', '-H', server.ldapiUrl],
    ...['-b', 'olcDatabase={1}mdb,cn=config', '-s', 'base', 'olcDbIndex'],
  ]);
  return stdout.split('\n').flatMap((line) => (line.startsWith('olcDbIndex: ') ? [line.slice(12)] : []));
}

describe("OpenLDAP index on modifyTimestamp (the README's advice for deltas)", () => {
  it('is left out by default and added with indexModifyTimestamp, where a delta clause finds the changed entry', async () => {
    const users = await generateUsersLdif(50, { ous: 1, groups: 1 });
    const plain = await startOpenLdap({ seed: false, tls: 'none', bulkLdif: users.path });
    try {
      expect((await dbIndexes(plain)).some((index) => index.startsWith('modifyTimestamp'))).toBe(false);
    } finally {
      await plain.stop();
    }
    const indexed = await startOpenLdap({ seed: false, tls: 'none', bulkLdif: users.path, indexModifyTimestamp: true });
    try {
      expect(await dbIndexes(indexed)).toContain('modifyTimestamp eq');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const since = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
      await indexed.ldapModify(replaceRecord(users.dn(7), 'title', ['Changed']));
      await using(client(indexed.url), async (ldap) => {
        await ldap.bind(indexed.serviceDn, indexed.servicePassword);
        const { searchEntries } = await ldap.search(users.containerDn, {
          filter: `(&(objectClass=inetOrgPerson)(modifyTimestamp>=${since}))`,
          attributes: ['title'],
        });
        expect(searchEntries.map((entry) => entry.dn)).toEqual([users.dn(7)]);
      });
    } finally {
      await indexed.stop();
    }
  });
});

describe('OpenLDAP lifecycle', () => {
  it('stop() ends slapd and removes its directory', async () => {
    const server = await startOpenLdap({ seed: false });
    const pid = server.pid;
    expect(pid).toBeDefined();
    await server.stop();
    expect(isAlive(pid as number)).toBe(false);
    expect(existsSync(server.dir)).toBe(false);
    await server.stop(); // idempotent
  });
});
