import { Client, Control } from 'ldapts';

import { start389ds } from '../directories/389ds.js';
import {
  AD_BASE_DN,
  AD_CONTAINERS,
  AD_GROUPS,
  AD_SERVICE_ACCOUNT,
  AD_SUB_CODES,
  AD_USERS,
  ALL_AD_USERS,
  IN_CHAIN,
} from '../directories/ad-fixtures.js';
import {
  ALL_FIXTURE_USERS,
  BASE_DN,
  FIXTURE_GROUPS,
  FIXTURE_USERS,
  OUS,
  PERMANENTLY_LOCKED,
  SERVICE_ACCOUNT,
} from '../directories/fixtures.js';
import {
  ALL_IPA_USERS,
  IPA_BASE_DN,
  IPA_CONTAINERS,
  IPA_GROUPS,
  IPA_SERVICE_ACCOUNT,
  IPA_USERS,
} from '../directories/ipa-fixtures.js';
import { replaceRecord } from '../directories/ldif.js';
import { ModRdnOptions, startOpenLdap } from '../directories/openldap.js';
import { startSambaAd } from '../directories/samba-ad.js';

/** What the scenario suite needs from a throwaway server, whichever it is. */
export interface CompatServer {
  host: string;
  port: number;
  ldapsPort: number;
  url: string;
  caCertPem: string;
  serviceDn: string;
  servicePassword: string;
  modrdn(dn: string, newRdn: string, options?: ModRdnOptions): Promise<void>;
  ldapAdd(ldif: string): Promise<void>;
  ldapModify(ldif: string): Promise<void>;
  ldapDelete(dn: string): Promise<void>;
  stop(): Promise<void>;
}

// The first start on a machine provisions the 389-ds and Samba templates; Samba may also wait for another suite's instance.
export const START_TIMEOUT_MS = 900_000;

export interface DirectoryUser {
  dn: string;
  password: string;
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  phone: string | null;
  /** One login per login attribute of the preset, in the preset's order. */
  logins: Record<string, string>;
}

export interface DirectoryTarget {
  name: string;
  /** A flavour name (src/ldap/flavours). */
  preset: string;
  serverType: string;
  start(): Promise<CompatServer>;
  /** Every bind identity form the server accepts for the service account; the first is the default. */
  bindForms: { form: string; bindDn: string; bindUsername: string | null }[];
  scopeDns: string[];
  /** The directory's root, to search from (AD answers it with referrals). */
  rootDn: string;
  alice: DirectoryUser;
  bob: DirectoryUser;
  /** Sign-ins the directory refuses, and what the LDAP log must say about each. */
  refused: { what: string; login: string; password: string; reason: RegExp }[];
  /** users.ldap_uid expected for alice, read from the server independently of the product's code. */
  aliceStableId(server: CompatServer): Promise<string>;
  /** A rename of bob and the login that finds him afterwards. */
  renameBob: { newRdn: string; newDn: string; login: string };
  /** Mailbox filters and whether alice and bob match them. */
  mailboxes: { filter: string; alice: boolean; bob: boolean }[];
  proposedMapping: Record<string, string>;
  /**
   * The directory's account state as the help desk mirrors it: fixture users the directory's
   * administrator turned off (disabled, `directory`) and ones it must leave active, and the
   * modifications that turn bob off and on again.
   */
  accountState: { off: string[]; on: string[]; bobOff: string; bobOn: string };
  /** A user the sync scenarios add and delete: its DN, email and LDIF. */
  tempUser: { dn: string; email: string; ldif: string };
  /** Every fixture entry in the scopes, as the cross-path suite signs each in (see FixtureEntry). */
  entries: FixtureEntry[];
  /**
   * A full import that must page past the server's size limit (AD: 1,500 users past its 1,000).
   * 389-ds applies its size limit to each page, so there the page size stays below it.
   */
  paging: {
    scopeDn: string;
    pageSize: number;
    seen: number;
    minPages: number;
    prepare(server: CompatServer): Promise<void>;
  };
}

/**
 * A fixture entry for the cross-path suite: its login (the email where it has one: unique on every
 * fixture, twins included) and whether the directory lets it in by password and through SSO, by
 * what the fixture says of the entry (a lock, AD's account state, no email), not by our code.
 */
export interface FixtureEntry {
  dn: string;
  email: string | null;
  login: string;
  password: string;
  signsIn: boolean;
  ssoIn: boolean;
}

// Below the fixture counts, so that imports must page past them; paged searches are not capped.
const OPENLDAP_SIZE_LIMIT = 5;
const IPA_SIZE_LIMIT = 11;
const IPA_EXTRA_USERS = 20;
const AD_BULK_USERS = 1_500;
const FULL_MAPPING = {
  email: 'mail',
  firstName: 'givenName',
  lastName: 'sn',
  jobTitle: 'title',
  phone: 'telephoneNumber',
};

async function asService<T>(server: CompatServer, use: (ldap: Client) => Promise<T>): Promise<T> {
  const ldap = new Client({ url: server.url, timeout: 5_000, connectTimeout: 2_000 });
  try {
    await ldap.bind(server.serviceDn, server.servicePassword);
    return await use(ldap);
  } finally {
    await ldap.unbind().catch(() => undefined);
  }
}

async function operational(server: CompatServer, dn: string, attribute: string): Promise<string> {
  const [entry] = (await asService(server, (ldap) => ldap.search(dn, { scope: 'base', attributes: [attribute] })))
    .searchEntries;
  return String(entry[attribute]);
}

/**
 * AD's extended DN control (MS-ADTS 3.1.1.3.4.1.5), flag 1: the server itself writes the entry's
 * objectGUID in the canonical string form, an oracle for our byte-order conversion.
 */
class ExtendedDnControl extends Control {
  constructor() {
    super('1.2.840.113556.1.4.529');
  }

  protected override writeControl(writer: Parameters<Control['write']>[0]): void {
    writer.writeBuffer(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]), 0x04); // SEQUENCE { INTEGER 1 }
  }
}

async function adGuid(server: CompatServer, dn: string): Promise<string> {
  const [entry] = (
    await asService(server, (ldap) =>
      ldap.search(dn, { scope: 'base', attributes: ['1.1'] }, [new ExtendedDnControl()]),
    )
  ).searchEntries;
  const guid = /<GUID=([0-9a-f-]{36})>/i.exec(entry.dn)?.[1];
  if (!guid) throw new Error(`no <GUID=…> in the extended DN ${entry.dn}`);
  return guid.toLowerCase();
}

const { alice: oAlice, bob: oBob, locked: oLocked } = FIXTURE_USERS;
const openldap: DirectoryTarget = {
  name: 'OpenLDAP',
  preset: 'openldap',
  serverType: 'openldap',
  start: () => startOpenLdap({ sizeLimit: OPENLDAP_SIZE_LIMIT }),
  bindForms: [
    { form: 'full DN', bindDn: SERVICE_ACCOUNT.dn, bindUsername: null },
    { form: 'plain name as cn={name},{Bind DN}', bindDn: BASE_DN, bindUsername: 'svc-ldap' },
  ],
  scopeDns: [OUS.people, OUS.staff],
  rootDn: BASE_DN,
  alice: {
    dn: oAlice.dn,
    password: oAlice.password,
    email: oAlice.mail,
    firstName: oAlice.givenName,
    lastName: oAlice.sn,
    jobTitle: oAlice.title,
    phone: oAlice.telephoneNumber,
    logins: { uid: oAlice.uid, mail: oAlice.mail },
  },
  bob: {
    dn: oBob.dn,
    password: oBob.password,
    email: oBob.mail,
    firstName: oBob.givenName,
    lastName: oBob.sn,
    jobTitle: oBob.title,
    phone: oBob.telephoneNumber,
    logins: { uid: oBob.uid, mail: oBob.mail },
  },
  refused: [
    { what: 'a wrong password', login: oAlice.uid, password: 'wrong-password', reason: /wrong password for uid=alice/ },
    { what: 'a ppolicy-locked account', login: oLocked.uid, password: oLocked.password, reason: /is locked/ },
  ],
  aliceStableId: async (server) => `entryuuid:${(await operational(server, oAlice.dn, 'entryUUID')).toLowerCase()}`,
  accountState: {
    off: [oLocked.mail],
    on: [oAlice.mail, oBob.mail],
    bobOff: replaceRecord(oBob.dn, 'pwdAccountLockedTime', [PERMANENTLY_LOCKED]),
    bobOn: replaceRecord(oBob.dn, 'pwdAccountLockedTime', []),
  },
  renameBob: { newRdn: 'uid=bobby', newDn: `uid=bobby,${OUS.people}`, login: 'bobby' },
  mailboxes: [
    { filter: `(memberOf=${FIXTURE_GROUPS.support.dn})`, alice: true, bob: false },
    { filter: `(memberOf=${FIXTURE_GROUPS.sales.dn})`, alice: false, bob: true },
  ],
  proposedMapping: FULL_MAPPING,
  entries: ALL_FIXTURE_USERS.filter((u) => u.ou === 'people' || u.ou === 'staff').map((u) => ({
    dn: u.dn,
    email: u.mail ?? null,
    login: u.mail ?? u.uid,
    password: u.password,
    signsIn: u.mail !== undefined && !u.locked,
    ssoIn: u.mail !== undefined && !u.locked,
  })),
  tempUser: {
    dn: `uid=temp,${OUS.people}`,
    email: 'temp@example.com',
    ldif: `dn: uid=temp,${OUS.people}\nobjectClass: inetOrgPerson\nuid: temp\ncn: Temp User\ngivenName: Temp\nsn: User\nmail: temp@example.com\n`,
  },
  paging: {
    scopeDn: BASE_DN,
    pageSize: 10,
    seen: ALL_FIXTURE_USERS.length,
    minPages: 2,
    prepare: async () => undefined,
  },
};

/** n more FreeIPA-style users (uid=extraNN), for the paging scenario. */
function ipaUsersLdif(n: number): string {
  return Array.from({ length: n }, (_, i) => {
    const uid = `extra${String(i + 1).padStart(2, '0')}`;
    return [
      `dn: uid=${uid},${IPA_CONTAINERS.users}`,
      'objectClass: inetOrgPerson',
      'objectClass: inetUser',
      'objectClass: ipaObject',
      `uid: ${uid}`,
      `cn: Extra ${uid}`,
      'givenName: Extra',
      `sn: ${uid}`,
      `mail: ${uid}@ipa.test`,
      `ipaUniqueID: 7b1c1e4a-2f0e-11ef-9a64-5254000c${String(i).padStart(4, '0')}`,
      '',
    ].join('\n');
  }).join('\n');
}

const ipaUser = (user: (typeof IPA_USERS)['alice' | 'bob']): DirectoryUser => ({
  dn: user.dn,
  password: user.password,
  email: user.mail,
  firstName: user.givenName,
  lastName: user.sn,
  jobTitle: null,
  phone: null,
  logins: { uid: user.uid, mail: user.mail },
});
const freeipa: DirectoryTarget = {
  name: 'FreeIPA (389 Directory Server)',
  preset: '389-ds',
  serverType: '389-ds',
  start: () => start389ds({ sizeLimit: IPA_SIZE_LIMIT }),
  bindForms: [
    { form: 'full DN of a cn=sysaccounts,cn=etc account', bindDn: IPA_SERVICE_ACCOUNT.dn, bindUsername: null },
  ],
  scopeDns: [IPA_CONTAINERS.users],
  rootDn: IPA_BASE_DN,
  alice: ipaUser(IPA_USERS.alice),
  bob: ipaUser(IPA_USERS.bob),
  refused: [
    { what: 'a wrong password', login: 'alice', password: 'wrong-password', reason: /wrong password for uid=alice/ },
    {
      what: 'an nsAccountLock: TRUE account',
      login: 'carol',
      password: IPA_USERS.carol.password,
      // 389 answers the bind's password-policy request control with accountLocked for nsAccountLock
      reason:
        /uid=carol,cn=users,cn=accounts,dc=ipa,dc=test: the account is locked \(password policy: accountLocked\); the directory refused this account/,
    },
  ],
  aliceStableId: async () => `ipauniqueid:${IPA_USERS.alice.ipaUniqueID}`,
  accountState: {
    off: [IPA_USERS.carol.mail],
    on: [IPA_USERS.alice.mail, IPA_USERS.bob.mail],
    bobOff: replaceRecord(IPA_USERS.bob.dn, 'nsAccountLock', ['TRUE']),
    bobOn: replaceRecord(IPA_USERS.bob.dn, 'nsAccountLock', []),
  },
  renameBob: { newRdn: 'uid=bobby', newDn: `uid=bobby,${IPA_CONTAINERS.users}`, login: 'bobby' },
  mailboxes: [
    { filter: `(memberOf=${IPA_GROUPS.support.dn})`, alice: true, bob: true }, // alice through tier1: pre-expanded
    { filter: `(memberOf=${IPA_GROUPS.tier1.dn})`, alice: true, bob: false },
  ],
  proposedMapping: { email: 'mail', firstName: 'givenName', lastName: 'sn' },
  entries: ALL_IPA_USERS.map((u) => ({
    dn: u.dn,
    email: u.mail,
    login: u.mail,
    password: u.password,
    signsIn: !u.locked,
    ssoIn: !u.locked,
  })),
  tempUser: {
    dn: `uid=temp,${IPA_CONTAINERS.users}`,
    email: 'temp@ipa.test',
    ldif: [
      `dn: uid=temp,${IPA_CONTAINERS.users}`,
      'objectClass: inetOrgPerson',
      'objectClass: inetUser',
      'objectClass: ipaObject',
      'uid: temp',
      'cn: Temp User',
      'givenName: Temp',
      'sn: User',
      'mail: temp@ipa.test',
      'ipaUniqueID: 7b1c1e4a-2f0e-11ef-9a64-52540000a0ff',
      '',
    ].join('\n'),
  },
  paging: {
    scopeDn: IPA_CONTAINERS.users,
    pageSize: 10,
    seen: ALL_IPA_USERS.length + IPA_EXTRA_USERS,
    minPages: 3,
    prepare: (server) => server.ldapAdd(ipaUsersLdif(IPA_EXTRA_USERS)),
  },
};

const adUser = (user: (typeof AD_USERS)['alice' | 'bob']): DirectoryUser => ({
  dn: user.dn,
  password: user.password,
  email: user.mail,
  firstName: user.givenName,
  lastName: user.sn,
  jobTitle: user.title,
  phone: user.telephoneNumber,
  logins: { sAMAccountName: user.sAMAccountName, userPrincipalName: user.userPrincipalName, mail: user.mail },
});
const { alice: adAlice, bob: adBob, carol: adCarol, dave: adDave, erin: adErin } = AD_USERS;
const activeDirectory: DirectoryTarget = {
  name: 'Active Directory (Samba AD DC)',
  preset: 'active-directory',
  serverType: 'active-directory',
  start: () => startSambaAd({ bulkUsers: AD_BULK_USERS }),
  bindForms: [
    { form: 'plain name as CN={name},{Bind DN}', bindDn: AD_CONTAINERS.users, bindUsername: AD_SERVICE_ACCOUNT.cn },
    { form: 'UPN', bindDn: AD_BASE_DN, bindUsername: AD_SERVICE_ACCOUNT.upn },
    { form: 'DOMAIN\\user', bindDn: AD_BASE_DN, bindUsername: AD_SERVICE_ACCOUNT.downLevel },
    { form: 'full DN', bindDn: AD_SERVICE_ACCOUNT.dn, bindUsername: null },
  ],
  scopeDns: [AD_CONTAINERS.staff],
  rootDn: AD_BASE_DN,
  alice: adUser(adAlice),
  bob: adUser(adBob),
  refused: [
    {
      what: 'a wrong password (data 52e)',
      login: 'alice',
      password: 'wrong-password',
      reason: new RegExp(`wrong password for CN=Alice Anderson.*AD data ${AD_SUB_CODES.wrongPassword}`),
    },
    {
      what: 'a password that must be changed (data 773)',
      login: 'dave',
      password: adDave.password,
      reason: new RegExp(`MUST_CHANGE_PASSWORD \\[AD data ${AD_SUB_CODES.mustChangePassword}`),
    },
    // frank's userAccountControl is hidden from the service account, so only the bind's answer tells
    {
      what: 'a disabled account the service account cannot see as such (data 533)',
      login: 'frank',
      password: AD_USERS.frank.password,
      reason: new RegExp(`ACCOUNT_DISABLED \\[AD data ${AD_SUB_CODES.disabled}`),
    },
    {
      what: 'a disabled account (userAccountControl 514)',
      login: 'carol',
      password: adCarol.password,
      reason: new RegExp(
        `CN=Carol Clark,OU=Staff,DC=example,DC=test: ACCOUNT_DISABLED \\[AD data ${AD_SUB_CODES.disabled}`,
      ),
    },
    {
      what: 'an expired account (accountExpires in the past)',
      login: 'erin',
      password: adErin.password,
      reason: new RegExp(
        `CN=Erin Evans,OU=Staff,DC=example,DC=test: ACCOUNT_DISABLED \\[AD data ${AD_SUB_CODES.expired}`,
      ),
    },
  ],
  aliceStableId: async (server) => `objectguid:${await adGuid(server, adAlice.dn)}`,
  accountState: {
    // 514 and an expired accountExpires; dave must change his password (not disabled); frank's
    // userAccountControl is hidden from the service account, so only his bind can tell
    off: [adCarol.mail, adErin.mail],
    on: [adAlice.mail, adBob.mail, adDave.mail, AD_USERS.frank.mail],
    bobOff: replaceRecord(adBob.dn, 'userAccountControl', ['514']),
    bobOn: replaceRecord(adBob.dn, 'userAccountControl', ['512']),
  },
  renameBob: { newRdn: 'CN=Robert Brown', newDn: `CN=Robert Brown,${AD_CONTAINERS.staff}`, login: 'bob' },
  mailboxes: [
    { filter: `(memberOf=${AD_GROUPS.support.dn})`, alice: false, bob: true }, // AD's memberOf is direct only
    { filter: `(memberOf:${IN_CHAIN}:=${AD_GROUPS.support.dn})`, alice: true, bob: true },
  ],
  proposedMapping: FULL_MAPPING,
  // dave's bind answers 773 (must change password), but the directory has not turned him off:
  // SSO lets him in; frank's state is hidden from the service account, so only a bind tells
  entries: ALL_AD_USERS.map((u) => ({
    dn: u.dn,
    email: u.mail,
    login: u.mail,
    password: u.password,
    signsIn: u.state === 'enabled',
    ssoIn: u.state === 'enabled' || u.state === 'must-change-password' || u.stateHiddenFromService,
  })),
  tempUser: {
    dn: `CN=Temp User,${AD_CONTAINERS.staff}`,
    email: 'temp@mail.example.test',
    ldif: [
      `dn: CN=Temp User,${AD_CONTAINERS.staff}`,
      'objectClass: user',
      'sAMAccountName: temp',
      'userPrincipalName: temp@example.test',
      'givenName: Temp',
      'sn: User',
      'mail: temp@mail.example.test',
      'userAccountControl: 544',
      '',
    ].join('\n'),
  },
  paging: {
    scopeDn: AD_CONTAINERS.bulk,
    pageSize: 500,
    seen: AD_BULK_USERS,
    minPages: 3,
    prepare: async () => undefined,
  },
};

export const DIRECTORY_TARGETS: readonly DirectoryTarget[] = [openldap, freeipa, activeDirectory];
