import { join } from 'node:path';

/**
 * What test/directories/fixtures-389/*.ldif put in the throwaway 389 Directory Server, laid out
 * as FreeIPA does. The harness spec compares every entry with these constants, so they cannot drift.
 */

export const IPA_BASE_DN = 'dc=ipa,dc=test';
export const IPA_CONTAINERS = {
  users: `cn=users,cn=accounts,${IPA_BASE_DN}`,
  groups: `cn=groups,cn=accounts,${IPA_BASE_DN}`,
  sysaccounts: `cn=sysaccounts,cn=etc,${IPA_BASE_DN}`,
} as const;
export const IPA_PASSWORD = 'Secret123';
export const IPA_ROOT_ACCOUNT = { dn: 'cn=Directory Manager', password: IPA_PASSWORD } as const;
/** FreeIPA's way to give an application a bind account: a system account under cn=sysaccounts,cn=etc. */
export const IPA_SERVICE_ACCOUNT = {
  dn: `uid=svc-ldap,${IPA_CONTAINERS.sysaccounts}`,
  password: IPA_PASSWORD,
} as const;

export type IpaGroupName = 'admins' | 'ipausers' | 'support' | 'tier1';

export interface IpaUser {
  dn: string;
  uid: string;
  cn: string;
  givenName: string;
  sn: string;
  mail: string;
  /** FreeIPA's stable id (its ipa-uuid plugin assigns one at creation; fixed here). */
  ipaUniqueID: string;
  uidNumber: number;
  password: string;
  /** memberOf as the MemberOf plugin computes it: direct and nested groups. */
  groups: readonly IpaGroupName[];
  /** nsAccountLock: TRUE (`ipa user-disable`): every bind answers 53 "Account inactivated". */
  locked: boolean;
}

const user = (
  uid: string,
  givenName: string,
  sn: string,
  ipaUniqueID: string,
  uidNumber: number,
  groups: IpaGroupName[],
  locked = false,
): IpaUser => ({
  dn: `uid=${uid},${IPA_CONTAINERS.users}`,
  uid,
  cn: `${givenName} ${sn}`,
  givenName,
  sn,
  mail: `${uid}@ipa.test`,
  ipaUniqueID,
  uidNumber,
  password: IPA_PASSWORD,
  groups,
  locked,
});

export const IPA_USERS = {
  admin: user('admin', 'Ada', 'Administrator', '7b1c1e4a-2f0e-11ef-9a64-52540000a001', 1_000_000, ['admins']),
  alice: user('alice', 'Alice', 'Anderson', '7b1c1e4a-2f0e-11ef-9a64-52540000a002', 1_000_001, [
    'ipausers',
    'tier1',
    'support',
  ]),
  bob: user('bob', 'Bob', 'Brown', '7b1c1e4a-2f0e-11ef-9a64-52540000a003', 1_000_002, ['ipausers', 'support']),
  carol: user('carol', 'Carol', 'Clark', '7b1c1e4a-2f0e-11ef-9a64-52540000a004', 1_000_003, ['ipausers'], true),
} as const satisfies Record<string, IpaUser>;
export type IpaUserKey = keyof typeof IPA_USERS;
export const ALL_IPA_USERS: readonly IpaUser[] = Object.values(IPA_USERS);

export interface IpaGroup {
  dn: string;
  cn: string;
  ipaUniqueID: string;
  memberUsers: readonly IpaUserKey[];
  memberGroups: readonly IpaGroupName[];
}

const group = (
  cn: IpaGroupName,
  ipaUniqueID: string,
  memberUsers: IpaUserKey[],
  memberGroups: IpaGroupName[] = [],
): IpaGroup => ({
  dn: `cn=${cn},${IPA_CONTAINERS.groups}`,
  cn,
  ipaUniqueID,
  memberUsers,
  memberGroups,
});

/** support ⊃ tier1 ∋ alice: alice's memberOf names support too (FreeIPA pre-expands nesting). */
export const IPA_GROUPS: Readonly<Record<IpaGroupName, IpaGroup>> = {
  admins: group('admins', '7b1c1e4a-2f0e-11ef-9a64-52540000b001', ['admin']),
  ipausers: group('ipausers', '7b1c1e4a-2f0e-11ef-9a64-52540000b002', ['alice', 'bob', 'carol']),
  tier1: group('tier1', '7b1c1e4a-2f0e-11ef-9a64-52540000b003', ['alice']),
  support: group('support', '7b1c1e4a-2f0e-11ef-9a64-52540000b004', ['bob'], ['tier1']),
};

const FIXTURE_DIR = join(import.meta.dirname, 'fixtures-389');
export const IPA_FIXTURE_FILES = {
  /** The subset of FreeIPA's 60basev2.ldif we use: ipaUniqueID, ipaObject, nestedGroup, ipaUserGroup. */
  schema: join(FIXTURE_DIR, '60ipa-subset.ldif'),
  /** Containers, ACIs and the service account, loaded with ldapmodify (change records). */
  tree: join(FIXTURE_DIR, '10-tree.ldif'),
  users: join(FIXTURE_DIR, '20-users.ldif'),
  groups: join(FIXTURE_DIR, '30-groups.ldif'),
} as const;
