import { existsSync } from 'node:fs';
import { ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';

import { RECOGNITION_ATTRIBUTES, recogniseServer } from '../../src/ldap/flavours/index.js';
import { isAlive } from '../support/processes.js';
import { Ds389Server, start389ds } from './389ds.js';
import { assert389Prerequisites, DS389_INSTALL_COMMAND } from './389ds-prerequisites.js';
import { ALL_IPA_USERS, IPA_CONTAINERS, IPA_GROUPS, IPA_USERS, IpaUser } from './ipa-fixtures.js';
import { tlsMaterial } from './tls.js';

const START_TIMEOUT_MS = 300_000; // the first start on a machine provisions the template (about 20 s), maybe after another suite's
const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
const sorted = (values: readonly string[]): string[] => [...values].sort();

function client(url: string, tlsOptions?: ConnectionOptions): Client {
  return new Client({ url, tlsOptions, timeout: 5_000, connectTimeout: 2_000 });
}

async function using<T>(ldap: Client, use: (ldap: Client) => Promise<T>): Promise<T> {
  try {
    return await use(ldap);
  } finally {
    await ldap.unbind().catch(() => undefined);
  }
}

describe('throwaway 389 Directory Server (FreeIPA layout)', () => {
  let server: Ds389Server;
  const asService = <T>(use: (ldap: Client) => Promise<T>): Promise<T> =>
    using(client(server.url), async (ldap) => {
      await ldap.bind(server.serviceDn, server.servicePassword);
      return use(ldap);
    });
  const bindAs = (dn: string, password: string, url = server.url) =>
    using(client(url), (ldap) => ldap.bind(dn, password));

  beforeAll(async () => {
    server = await start389ds();
  }, START_TIMEOUT_MS);
  afterAll(() => server?.stop());

  it('lets the sysaccounts service account search cn=users,cn=accounts', async () => {
    const { searchEntries } = await asService((ldap) =>
      ldap.search(IPA_CONTAINERS.users, { filter: '(objectClass=inetOrgPerson)', attributes: ['uid'] }),
    );
    expect(sorted(searchEntries.map((entry) => String(entry.uid)))).toEqual(
      sorted(ALL_IPA_USERS.map((user) => user.uid)),
    );
  });

  it('holds every user as ipa-fixtures.ts describes it, memberOf pre-expanded, nsUniqueId operational', async () => {
    const expectedGroups = (user: IpaUser): string[] => sorted(user.groups.map((name) => IPA_GROUPS[name].dn));
    await asService(async (ldap) => {
      for (const user of ALL_IPA_USERS) {
        const [entry] = (await ldap.search(user.dn, { scope: 'base', attributes: ['*', 'memberOf', 'nsAccountLock'] }))
          .searchEntries;
        expect({
          dn: entry.dn,
          uid: entry.uid,
          cn: entry.cn,
          givenName: entry.givenName,
          sn: entry.sn,
          mail: entry.mail,
          ipaUniqueID: entry.ipaUniqueID,
          memberOf: sorted(asList(entry.memberOf)),
          locked: entry.nsAccountLock === 'TRUE',
        }).toEqual({
          dn: user.dn,
          uid: user.uid,
          cn: user.cn,
          givenName: user.givenName,
          sn: user.sn,
          mail: user.mail,
          ipaUniqueID: user.ipaUniqueID,
          memberOf: expectedGroups(user),
          locked: user.locked,
        });
        expect(entry.nsUniqueId).toBeUndefined();
        const [operational] = (await ldap.search(user.dn, { scope: 'base', attributes: ['nsUniqueId'] })).searchEntries;
        expect(operational.nsUniqueId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
      }
    });
  });

  it('finds nested members through memberOf alone (support ⊃ tier1 ∋ alice)', async () => {
    const { searchEntries } = await asService((ldap) =>
      ldap.search(IPA_CONTAINERS.users, { filter: `(memberOf=${IPA_GROUPS.support.dn})`, attributes: ['uid'] }),
    );
    expect(sorted(searchEntries.map((entry) => String(entry.uid)))).toEqual(['alice', 'bob']);
  });

  it.each(ALL_IPA_USERS.filter((user) => !user.locked))('binds as $uid with the fixture password', async (user) => {
    await bindAs(user.dn, user.password);
  });

  it('answers 53 "Account inactivated" for the nsAccountLock user and 49 for a wrong password', async () => {
    const { carol, alice } = IPA_USERS;
    await expect(bindAs(carol.dn, carol.password)).rejects.toMatchObject({
      code: 53,
      message: expect.stringMatching(/Account inactivated/),
    });
    await expect(bindAs(alice.dn, 'wrong')).rejects.toMatchObject({ code: 49 });
  });

  it('speaks LDAPS and StartTLS with its CA, and fails verification with another CA', async () => {
    const { alice } = IPA_USERS;
    await using(client(server.ldapsUrl, { ca: [server.caCertPem] }), (ldap) => ldap.bind(alice.dn, alice.password));
    await using(client(server.url), async (ldap) => {
      await ldap.startTLS({ ca: [server.caCertPem] });
      await ldap.bind(alice.dn, alice.password);
    });
    const wrongCa = { ca: [(await tlsMaterial()).wrongCa.pem] };
    await expect(
      using(client(server.ldapsUrl, wrongCa), (ldap) => ldap.bind(alice.dn, alice.password)),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/),
    });
  });

  it('names itself 389 in the root DSE', async () => {
    const [rootDse] = (
      await using(client(server.url), (ldap) =>
        ldap.search('', { scope: 'base', attributes: [...RECOGNITION_ATTRIBUTES] }),
      )
    ).searchEntries;
    const attributes = Object.fromEntries(Object.entries(rootDse).map(([name, value]) => [name, asList(value)]));
    expect(recogniseServer(attributes)).toBe('389-ds');
  });

  it('adds, renames, locks and deletes entries over ldapi://, memberOf and member following', async () => {
    const dn = `uid=temp,${IPA_CONTAINERS.users}`;
    await server.ldapAdd(
      `dn: ${dn}\nobjectClass: inetOrgPerson\nobjectClass: inetUser\nuid: temp\ncn: Temp\nsn: Temp\nuserPassword: Secret123\n`,
    );
    await server.ldapModify(`dn: ${IPA_GROUPS.tier1.dn}\nchangetype: modify\nadd: member\nmember: ${dn}\n`);
    await server.modrdn(dn, 'uid=temp2');
    const moved = `uid=temp2,${IPA_CONTAINERS.users}`;
    await asService(async (ldap) => {
      const [entry] = (await ldap.search(moved, { scope: 'base', attributes: ['memberOf'] })).searchEntries;
      expect(sorted(asList(entry.memberOf))).toEqual(sorted([IPA_GROUPS.tier1.dn, IPA_GROUPS.support.dn]));
      const [tier1] = (await ldap.search(IPA_GROUPS.tier1.dn, { scope: 'base', attributes: ['member'] })).searchEntries;
      expect(asList(tier1.member)).toContain(moved);
    });
    await server.setLocked(moved, true);
    await expect(bindAs(moved, 'Secret123')).rejects.toMatchObject({ code: 53 });
    await server.setLocked(moved, false);
    await bindAs(moved, 'Secret123');
    await server.ldapDelete(moved);
    await expect(bindAs(moved, 'Secret123')).rejects.toMatchObject({ code: 49 });
  });

  it('starts independent copies side by side, and stop() leaves nothing running or on disk', async () => {
    const [one, two] = await Promise.all([start389ds({ sizeLimit: 2 }), start389ds()]);
    const pids = [one.pid!, two.pid!];
    try {
      expect(new Set([one.instance, two.instance, server.instance]).size).toBe(3);
      expect(new Set([one.port, two.port, server.port]).size).toBe(3);
      await one.ldapDelete(IPA_USERS.bob.dn);
      await using(client(two.url), (ldap) => ldap.bind(IPA_USERS.bob.dn, IPA_USERS.bob.password)); // two is unaffected
      await expect(
        using(client(one.url), async (ldap) => {
          await ldap.bind(one.serviceDn, one.servicePassword);
          return ldap.search(IPA_CONTAINERS.users, { filter: '(uid=*)' });
        }),
      ).rejects.toMatchObject({ code: 4 }); // sizeLimit 2
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    expect(pids.map(isAlive)).toEqual([false, false]);
    expect([one.dir, two.dir].map(existsSync)).toEqual([false, false]);
    expect([one.instance, two.instance].map((name) => existsSync(`/dev/shm/sem.slapd-${name}.stats`))).toEqual([
      false,
      false,
    ]);
    await one.stop(); // idempotent
  });

  it('fails, naming the missing program and the install command, when a binary is missing', () => {
    expect(() => assert389Prerequisites(['ns-slapd', 'no-such-daemon'])).toThrow(
      /missing: no-such-daemon\.\n.*\n\s+apt-get update && /,
    );
    expect(DS389_INSTALL_COMMAND).toContain('389-ds-base');
  });
});
