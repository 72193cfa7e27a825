import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What test/directories/fixtures/*.ldif put in the throwaway OpenLDAP directory. The harness spec
 * binds as every user below and compares each entry with these constants, so they cannot drift.
 */

export const BASE_DN = 'dc=example,dc=com';
export const ROOT_ACCOUNT = { dn: `cn=admin,${BASE_DN}`, password: 'admin' } as const;
/** Read-only account the application binds with to search. */
export const SERVICE_ACCOUNT = { dn: `cn=svc-ldap,${BASE_DN}`, password: 'service' } as const;
export const DEFAULT_PASSWORD = 'Passw0rd!';
/** ppolicy value meaning "locked until an administrator removes it". */
export const PERMANENTLY_LOCKED = '000001010000Z';

export const OUS = {
  people: `ou=people,${BASE_DN}`,
  staff: `ou=staff,${BASE_DN}`,
  outsiders: `ou=outsiders,${BASE_DN}`,
  admins: `ou=admins,${BASE_DN}`,
  groups: `ou=groups,${BASE_DN}`,
  policies: `ou=policies,${BASE_DN}`,
} as const;
export type FixtureOu = 'people' | 'staff' | 'outsiders' | 'admins';
export type FixtureGroupName = 'support' | 'sales' | 'empty' | 'escalation';

export interface FixtureUser {
  /** Exactly as slapd returns it: RFC 4514, special characters hex-escaped (\2C for a comma). */
  dn: string;
  uid: string;
  cn: string;
  givenName: string;
  sn: string;
  mail?: string;
  title?: string;
  telephoneNumber?: string;
  password: string;
  ou: FixtureOu;
  /** Groups whose membership shows up in memberOf (computed by the memberof overlay). */
  groups: readonly FixtureGroupName[];
  /** pwdAccountLockedTime set: every bind answers 49. */
  locked: boolean;
}

export const FIXTURE_USERS = {
  alice: {
    dn: `uid=alice,${OUS.people}`,
    uid: 'alice',
    cn: 'Alice Anderson',
    givenName: 'Alice',
    sn: 'Anderson',
    mail: 'alice@example.com',
    title: 'Support Engineer',
    telephoneNumber: '+1 555 0101',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: ['support', 'escalation'],
    locked: false,
  },
  bob: {
    dn: `uid=bob,${OUS.people}`,
    uid: 'bob',
    cn: 'Bob Brown',
    givenName: 'Bob',
    sn: 'Brown',
    mail: 'bob@example.com',
    title: 'Account Manager',
    telephoneNumber: '+1 555 0102',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: ['sales'],
    locked: false,
  },
  carol: {
    dn: `uid=carol,${OUS.staff}`,
    uid: 'carol',
    cn: 'Carol Clark',
    givenName: 'Carol',
    sn: 'Clark',
    mail: 'carol@example.com',
    title: 'Support Lead',
    telephoneNumber: '+1 555 0103',
    password: DEFAULT_PASSWORD,
    ou: 'staff',
    groups: ['support'],
    locked: false,
  },
  /** Non-ASCII names and a non-ASCII RDN. */
  jose: {
    dn: `cn=José Müller-Øster,${OUS.staff}`,
    uid: 'jose',
    cn: 'José Müller-Øster',
    givenName: 'José',
    sn: 'Müller-Øster',
    mail: 'jose@example.com',
    title: 'Técnico de Soporte',
    password: DEFAULT_PASSWORD,
    ou: 'staff',
    groups: ['escalation'],
    locked: false,
  },
  /** RDN value with , + " \ < > ; = ( ) * (escaped per RFC 4514); uid full of filter metacharacters. */
  smith: {
    dn: `cn=Smith\\2C John (ops*) \\5C \\2B \\22Jr\\22 \\3Cx\\3E\\3B y\\3Dz,${OUS.people}`,
    uid: "o'neil(ops)*\\x",
    cn: 'Smith, John (ops*) \\ + "Jr" <x>; y=z',
    givenName: 'John',
    sn: 'Smith',
    mail: 'john.smith@example.com',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: ['sales'],
    locked: false,
  },
  /** Multi-valued RDN. */
  plee: {
    dn: `cn=Pat Lee+uid=plee,${OUS.people}`,
    uid: 'plee',
    cn: 'Pat Lee',
    givenName: 'Pat',
    sn: 'Lee',
    mail: 'plee@example.com',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: [],
    locked: false,
  },
  nomail: {
    dn: `uid=nomail,${OUS.people}`,
    uid: 'nomail',
    cn: 'Nora Mailless',
    givenName: 'Nora',
    sn: 'Mailless',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: [],
    locked: false,
  },
  locked: {
    dn: `uid=locked,${OUS.people}`,
    uid: 'locked',
    cn: 'Locked User',
    givenName: 'Locked',
    sn: 'User',
    mail: 'locked@example.com',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: [],
    locked: true,
  },
  /** Password with filter/DN metacharacters and non-ASCII (two- and three-byte UTF-8). */
  special: {
    dn: `uid=special,${OUS.people}`,
    uid: 'special',
    cn: 'Special Password',
    givenName: 'Special',
    sn: 'Password',
    mail: 'special@example.com',
    password: 'p(a)ss*w\\ord-ü€',
    ou: 'people',
    groups: [],
    locked: false,
  },
  /** Same uid in two OUs: a login that is ambiguous across scopes, unique within each. */
  twinPeople: {
    dn: `uid=twin,${OUS.people}`,
    uid: 'twin',
    cn: 'Twin People',
    givenName: 'Twin',
    sn: 'People',
    mail: 'twin.people@example.com',
    password: DEFAULT_PASSWORD,
    ou: 'people',
    groups: [],
    locked: false,
  },
  twinStaff: {
    dn: `uid=twin,${OUS.staff}`,
    uid: 'twin',
    cn: 'Twin Staff',
    givenName: 'Twin',
    sn: 'Staff',
    mail: 'twin.staff@example.com',
    password: DEFAULT_PASSWORD,
    ou: 'staff',
    groups: [],
    locked: false,
  },
  /** Outside people and staff: must not be found by scoped lookups. */
  outsider: {
    dn: `uid=outsider,${OUS.outsiders}`,
    uid: 'outsider',
    cn: 'Olivia Outsider',
    givenName: 'Olivia',
    sn: 'Outsider',
    mail: 'outsider@example.com',
    password: DEFAULT_PASSWORD,
    ou: 'outsiders',
    groups: [],
    locked: false,
  },
  /** Directly under ou=admins, reachable only through the Bind DN scope (dc=example,dc=com). */
  dana: {
    dn: `uid=dana,${OUS.admins}`,
    uid: 'dana',
    cn: 'Dana Admin',
    givenName: 'Dana',
    sn: 'Admin',
    mail: 'dana@example.com',
    title: 'Directory Administrator',
    password: DEFAULT_PASSWORD,
    ou: 'admins',
    groups: [],
    locked: false,
  },
} as const satisfies Record<string, FixtureUser>;

export type FixtureUserKey = keyof typeof FIXTURE_USERS;
export const ALL_FIXTURE_USERS: readonly FixtureUser[] = Object.values(FIXTURE_USERS);

export function fixtureUsersIn(ou: FixtureOu): FixtureUser[] {
  return ALL_FIXTURE_USERS.filter((user) => user.ou === ou);
}

/** An entry in ou=people that is not a person (objectClass device): filters must leave it out. */
export const NON_PERSON_DN = `cn=printer-3f,${OUS.people}`;

export interface FixtureGroup {
  dn: string;
  cn: string;
  objectClass: 'groupOfNames' | 'groupOfUniqueNames';
  members: readonly FixtureUserKey[];
}

export const FIXTURE_GROUPS: Readonly<Record<FixtureGroupName, FixtureGroup>> = {
  support: { dn: `cn=support,${OUS.groups}`, cn: 'support', objectClass: 'groupOfNames', members: ['alice', 'carol'] },
  sales: { dn: `cn=sales,${OUS.groups}`, cn: 'sales', objectClass: 'groupOfNames', members: ['bob', 'smith'] },
  /** groupOfNames needs a member: its only one is the placeholder cn=nobody (no entry). */
  empty: { dn: `cn=empty,${OUS.groups}`, cn: 'empty', objectClass: 'groupOfNames', members: [] },
  escalation: {
    dn: `cn=escalation,${OUS.groups}`,
    cn: 'escalation',
    objectClass: 'groupOfUniqueNames',
    members: ['alice', 'jose'],
  },
};
export const PLACEHOLDER_MEMBER_DN = `cn=nobody,${BASE_DN}`;

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const FIXTURE_LDIF = {
  /** The suffix entry alone (slapadd-ed before a bulk load). */
  suffix: join(FIXTURE_DIR, '00-suffix.ldif'),
  /** Service account, password policy and the empty OUs. */
  skeleton: join(FIXTURE_DIR, '10-skeleton.ldif'),
  users: join(FIXTURE_DIR, '20-users.ldif'),
  groups: join(FIXTURE_DIR, '30-groups.ldif'),
} as const;
