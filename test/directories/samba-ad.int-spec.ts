import { existsSync } from 'node:fs';
import { ConnectionOptions } from 'node:tls';
import { Client, Entry } from 'ldapts';

import { RECOGNITION_ATTRIBUTES, recogniseServer } from '../../src/ldap/flavours/index.js';
import { guidToString } from '../../src/ldap/flavours/active-directory.js';
import { isAlive } from '../support/processes.js';
import {
  AD_CONTAINERS,
  AD_GROUPS,
  AD_SERVICE_ACCOUNT,
  AD_SUB_CODES,
  AD_USERS,
  AdUser,
  ALL_AD_USERS,
  bulkUser,
  IN_CHAIN,
} from './ad-fixtures.js';
import { SambaAdServer, startSambaAd } from './samba-ad.js';
import { assertSambaAdPrerequisites, SAMBA_AD_INSTALL_COMMAND } from './samba-ad-prerequisites.js';
import { tlsMaterial } from './tls.js';

// The first start on a machine provisions the template (about 10 s); another suite may hold the host's Samba slot meanwhile.
const START_TIMEOUT_MS = 900_000;
const PERSONS = '(&(objectCategory=person)(objectClass=user))';
const asList = (value: unknown): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
const sorted = (values: readonly string[]): string[] => [...values].sort();

function client(url: string, tlsOptions?: ConnectionOptions): Client {
  return new Client({ url, tlsOptions, timeout: 10_000, connectTimeout: 2_000 });
}

async function using<T>(ldap: Client, use: (ldap: Client) => Promise<T>): Promise<T> {
  try {
    return await use(ldap);
  } finally {
    await ldap.unbind().catch(() => undefined);
  }
}

describe('throwaway Samba AD DC', () => {
  let server: SambaAdServer;
  const asService = <T>(use: (ldap: Client) => Promise<T>): Promise<T> =>
    using(client(server.url), async (ldap) => {
      await ldap.bind(server.serviceDn, server.servicePassword);
      return use(ldap);
    });
  const bindAs = (name: string, password: string) => using(client(server.url), (ldap) => ldap.bind(name, password));
  const names = (entries: Entry[]) => sorted(entries.map((entry) => String(entry.sAMAccountName)));

  beforeAll(async () => {
    server = await startSambaAd();
  }, START_TIMEOUT_MS);
  afterAll(() => server?.stop());

  it('lets the service account search OU=Staff for persons', async () => {
    const { searchEntries } = await asService((ldap) =>
      ldap.search(AD_CONTAINERS.staff, { filter: PERSONS, attributes: ['sAMAccountName'] }),
    );
    expect(names(searchEntries)).toEqual(sorted(ALL_AD_USERS.map((user) => user.sAMAccountName)));
  });

  it('binds the service account by DN, UPN and DOMAIN\\user', async () => {
    for (const name of [AD_SERVICE_ACCOUNT.dn, AD_SERVICE_ACCOUNT.upn, AD_SERVICE_ACCOUNT.downLevel])
      await bindAs(name, AD_SERVICE_ACCOUNT.password);
  });

  it('holds every user as ad-fixtures.ts describes it, objectGUID as 16 bytes', async () => {
    const groupDns = (user: AdUser) => sorted(user.memberOf.map((name) => AD_GROUPS[name].dn));
    await asService(async (ldap) => {
      for (const user of ALL_AD_USERS) {
        const { searchEntries } = await ldap.search(user.dn, {
          scope: 'base',
          attributes: ['*', 'objectGUID'],
          explicitBufferAttributes: ['objectGUID'],
        });
        const [entry] = searchEntries;
        expect({
          dn: entry.dn,
          sAMAccountName: entry.sAMAccountName,
          userPrincipalName: entry.userPrincipalName,
          mail: entry.mail,
          givenName: entry.givenName,
          sn: entry.sn,
          title: entry.title,
          telephoneNumber: entry.telephoneNumber,
          memberOf: sorted(asList(entry.memberOf)),
        }).toEqual({
          dn: user.dn,
          sAMAccountName: user.sAMAccountName,
          userPrincipalName: user.userPrincipalName,
          mail: user.mail,
          givenName: user.givenName,
          sn: user.sn,
          title: user.title,
          telephoneNumber: user.telephoneNumber,
          memberOf: groupDns(user),
        });
        expect(guidToString(entry.objectGUID as Buffer)).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        );
      }
    });
  });

  it('follows nested groups with the in-chain rule only (support ⊃ tier1 ∋ alice)', async () => {
    const search = (filter: string) =>
      asService(async (ldap) =>
        names((await ldap.search(AD_CONTAINERS.staff, { filter, attributes: ['sAMAccountName'] })).searchEntries),
      );
    expect(await search(`(memberOf=${AD_GROUPS.support.dn})`)).toEqual(['bob']);
    expect(await search(`(memberOf:${IN_CHAIN}:=${AD_GROUPS.support.dn})`)).toEqual(['alice', 'bob']);
  });

  it.each(ALL_AD_USERS.filter((user) => user.state === 'enabled'))(
    'binds as $sAMAccountName by DN and by UPN',
    async (user) => {
      await bindAs(user.dn, user.password);
      await bindAs(user.userPrincipalName, user.password);
    },
  );

  it.each([
    ['a wrong password', AD_SUB_CODES.wrongPassword, AD_USERS.alice.dn, 'wrong'],
    ['a disabled account', AD_SUB_CODES.disabled, AD_USERS.carol.dn, AD_USERS.carol.password],
    [
      'a disabled account whose state the service account cannot read',
      AD_SUB_CODES.disabled,
      AD_USERS.frank.dn,
      AD_USERS.frank.password,
    ],
    ['an expired account', AD_SUB_CODES.expired, AD_USERS.erin.dn, AD_USERS.erin.password],
    ['a password that must be changed', AD_SUB_CODES.mustChangePassword, AD_USERS.dave.dn, AD_USERS.dave.password],
  ])('answers %s with 49 and "data %s" in the message', async (_what, subCode, dn, password) => {
    await expect(bindAs(dn, password)).rejects.toMatchObject({
      code: 49,
      message: expect.stringContaining(`data ${subCode},`),
    });
  });

  it("hides frank's userAccountControl from the service account, and only his", async () => {
    const uac = (dn: string) =>
      asService(async (ldap) =>
        asList(
          (await ldap.search(dn, { scope: 'base', attributes: ['userAccountControl'] })).searchEntries[0]
            .userAccountControl,
        ),
      );
    expect(await uac(AD_USERS.frank.dn)).toEqual([]);
    expect(await uac(AD_USERS.carol.dn)).toEqual(['514']);
  });

  it('speaks LDAPS and StartTLS with its CA, and fails verification with another CA', async () => {
    const { alice } = AD_USERS;
    await using(client(server.ldapsUrl, { ca: [server.caCertPem] }), (ldap) => ldap.bind(alice.dn, alice.password));
    await using(client(server.url), async (ldap) => {
      await ldap.startTLS({ ca: [server.caCertPem] });
      await ldap.bind(alice.userPrincipalName, alice.password);
    });
    const wrongCa = { ca: [(await tlsMaterial()).wrongCa.pem] };
    await expect(
      using(client(server.ldapsUrl, wrongCa), (ldap) => ldap.bind(alice.dn, alice.password)),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/),
    });
  });

  it('names itself Active Directory in the root DSE, and answers a search from the domain root with referrals', async () => {
    const [rootDse] = (
      await using(client(server.url), (ldap) =>
        ldap.search('', { scope: 'base', attributes: [...RECOGNITION_ATTRIBUTES] }),
      )
    ).searchEntries;
    expect(
      recogniseServer(Object.fromEntries(Object.entries(rootDse).map(([name, value]) => [name, asList(value)]))),
    ).toBe('active-directory');
    const { searchEntries, searchReferences } = await asService((ldap) =>
      ldap.search(server.baseDn, { filter: `(sAMAccountName=${AD_USERS.alice.sAMAccountName})`, attributes: ['dn'] }),
    );
    expect(searchEntries.map((entry) => entry.dn)).toEqual([AD_USERS.alice.dn]);
    expect(searchReferences.length).toBeGreaterThan(0);
  });

  it('adds a user over LDAPS, moves it keeping its objectGUID, disables and deletes it', async () => {
    const dn = `CN=Temp User,${AD_CONTAINERS.staff}`;
    const password = Buffer.from('"Temp-Passw0rd!"', 'utf16le').toString('base64');
    await server.ldapAdd(
      `dn: ${dn}\nobjectClass: user\nsAMAccountName: temp\nuserPrincipalName: temp@example.test\nunicodePwd:: ${password}\nuserAccountControl: 512\n`,
    );
    const guid = async (at: string) =>
      asService(async (ldap) =>
        guidToString(
          (
            await ldap.search(at, {
              scope: 'base',
              attributes: ['objectGUID'],
              explicitBufferAttributes: ['objectGUID'],
            })
          ).searchEntries[0].objectGUID as Buffer,
        ),
      );
    const before = await guid(dn);
    const moved = `CN=Temp Renamed,${AD_CONTAINERS.users}`;
    await server.modrdn(dn, 'CN=Temp Renamed', { newSuperior: AD_CONTAINERS.users });
    expect(await guid(moved)).toBe(before);
    await bindAs('temp@example.test', 'Temp-Passw0rd!');
    await server.setDisabled(moved, true);
    await expect(bindAs(moved, 'Temp-Passw0rd!')).rejects.toMatchObject({
      message: expect.stringContaining(`data ${AD_SUB_CODES.disabled},`),
    });
    await server.ldapDelete(moved);
  });

  it('lets one instance run at a time: a second start waits for the host lock', async () => {
    await expect(startSambaAd({ lockTimeoutMs: 1_000 })).rejects.toThrow(/still held by pid \d+/);
  });

  it(
    'stop() leaves nothing running or on disk; the next start gets fresh data, with bulk users on request',
    async () => {
      const pid = server.pid!;
      await server.stop();
      expect(isAlive(pid)).toBe(false);
      expect(existsSync(server.dir)).toBe(false);
      server = await startSambaAd({ bulkUsers: 1_500 });
      const count = await asService(async (ldap) => {
        const { searchEntries } = await ldap.search(AD_CONTAINERS.bulk, {
          filter: PERSONS,
          attributes: ['sAMAccountName', 'mail'],
          paged: { pageSize: 500 },
        });
        expect(searchEntries.find((entry) => entry.sAMAccountName === bulkUser(1500).sAMAccountName)?.mail).toBe(
          bulkUser(1500).mail,
        );
        return searchEntries.length;
      });
      expect(count).toBe(1_500);
      expect(
        await asService(
          async (ldap) => (await ldap.search(server.baseDn, { filter: '(sAMAccountName=temp)' })).searchEntries,
        ),
      ).toEqual([]);
    },
    START_TIMEOUT_MS,
  );

  it('fails, naming the missing program and the install command, when a binary is missing', () => {
    expect(() => assertSambaAdPrerequisites(['samba', 'no-such-daemon'])).toThrow(
      /missing: no-such-daemon\.\n.*\n\s+apt-get update && /,
    );
    expect(SAMBA_AD_INSTALL_COMMAND).toContain('samba-ad-dc');
  });
});
