import { join } from 'node:path';

/**
 * What the throwaway Samba AD DC holds (seeded by fixtures-ad/seed.py from these constants), so
 * the harness spec and the scenario suite cannot drift from the data.
 */

export const AD_REALM = 'EXAMPLE.TEST';
/** NetBIOS domain: the DOMAIN in DOMAIN\user. */
export const AD_DOMAIN = 'EXAMPLE';
export const AD_DNS_DOMAIN = 'example.test';
export const AD_BASE_DN = 'DC=example,DC=test';
export const AD_PASSWORD = 'Passw0rd!';
export const AD_CONTAINERS = {
  /** Where AD puts accounts by default; the service account lives here. */
  users: `CN=Users,${AD_BASE_DN}`,
  staff: `OU=Staff,${AD_BASE_DN}`,
  groups: `OU=Groups,${AD_BASE_DN}`,
  /** Generated users (startSambaAd({ bulkUsers })), for paging past 1,000. */
  bulk: `OU=Bulk,${AD_BASE_DN}`,
} as const;

export const AD_ADMIN = {
  dn: `CN=Administrator,${AD_CONTAINERS.users}`,
  upn: `Administrator@${AD_DNS_DOMAIN}`,
  password: AD_PASSWORD,
} as const;
/** Read-only bind account, reachable by every bind form AD accepts. */
export const AD_SERVICE_ACCOUNT = {
  dn: `CN=svc-ldap,${AD_CONTAINERS.users}`,
  cn: 'svc-ldap',
  sAMAccountName: 'svc-ldap',
  upn: `svc-ldap@${AD_DNS_DOMAIN}`,
  downLevel: `${AD_DOMAIN}\\svc-ldap`,
  password: AD_PASSWORD,
} as const;

/** The "data xxx" in a refused bind's diagnostic message (49 invalid credentials). */
export const AD_SUB_CODES = {
  wrongPassword: '52e',
  disabled: '533',
  expired: '701',
  mustChangePassword: '773',
} as const;

export type AdAccountState = 'enabled' | 'disabled' | 'expired' | 'must-change-password';
export type AdGroupName = 'support' | 'tier1';

export interface AdUser {
  /** CN is the display name, as AD creates users; it is not the login. */
  dn: string;
  cn: string;
  sAMAccountName: string;
  userPrincipalName: string;
  /** Deliberately not the UPN, so that sign-in by mail and by UPN are told apart. */
  mail: string;
  givenName: string;
  sn: string;
  title: string;
  telephoneNumber: string;
  password: string;
  state: AdAccountState;
  /** memberOf as AD returns it: direct groups only (nesting needs the in-chain rule). */
  memberOf: readonly AdGroupName[];
  /** Every group reached through nesting, for (memberOf:1.2.840.113556.1.4.1941:=…). */
  inChain: readonly AdGroupName[];
  /** The service account may not read this user's userAccountControl: only the bind can tell it is disabled. */
  stateHiddenFromService: boolean;
}

function user(
  sAMAccountName: string,
  givenName: string,
  sn: string,
  title: string,
  phone: string,
  state: AdAccountState,
  memberOf: AdGroupName[] = [],
  inChain: AdGroupName[] = memberOf,
  stateHiddenFromService = false,
): AdUser {
  const cn = `${givenName} ${sn}`;
  return {
    dn: `CN=${cn},${AD_CONTAINERS.staff}`,
    cn,
    sAMAccountName,
    userPrincipalName: `${sAMAccountName}@${AD_DNS_DOMAIN}`,
    mail: `${givenName}.${sn}@mail.${AD_DNS_DOMAIN}`.toLowerCase(),
    givenName,
    sn,
    title,
    telephoneNumber: phone,
    password: AD_PASSWORD,
    state,
    memberOf,
    inChain,
    stateHiddenFromService,
  };
}

export const AD_USERS = {
  alice: user(
    'alice',
    'Alice',
    'Anderson',
    'Support Engineer',
    '+1 555 0101',
    'enabled',
    ['tier1'],
    ['tier1', 'support'],
  ),
  bob: user('bob', 'Bob', 'Brown', 'Account Manager', '+1 555 0102', 'enabled', ['support']),
  /** userAccountControl 514 (ACCOUNTDISABLE): binds answer data 533. */
  carol: user('carol', 'Carol', 'Clark', 'Support Lead', '+1 555 0103', 'disabled'),
  /** pwdLastSet 0: binds answer data 773. */
  dave: user('dave', 'Dave', 'Davis', 'Trainee', '+1 555 0104', 'must-change-password'),
  /** accountExpires in 2020: binds answer data 701. */
  erin: user('erin', 'Erin', 'Evans', 'Contractor', '+1 555 0105', 'expired'),
  /** Disabled (514) behind a deny-read ACE for svc-ldap on userAccountControl, as hardened domains do: binds answer data 533. */
  frank: user('frank', 'Frank', 'Foster', 'Former Employee', '+1 555 0106', 'disabled', [], [], true),
} as const satisfies Record<string, AdUser>;
export type AdUserKey = keyof typeof AD_USERS;
export const ALL_AD_USERS: readonly AdUser[] = Object.values(AD_USERS);

/** accountExpires of the expired user: 2020-01-01T00:00:00Z as a FILETIME. */
export const AD_EXPIRED_AT = '132223104000000000';

export interface AdGroup {
  dn: string;
  cn: AdGroupName;
  memberUsers: readonly AdUserKey[];
  memberGroups: readonly AdGroupName[];
}

/** support ⊃ tier1 ∋ alice: alice is in support only through nesting. */
export const AD_GROUPS: Readonly<Record<AdGroupName, AdGroup>> = {
  tier1: { dn: `CN=tier1,${AD_CONTAINERS.groups}`, cn: 'tier1', memberUsers: ['alice'], memberGroups: [] },
  support: { dn: `CN=support,${AD_CONTAINERS.groups}`, cn: 'support', memberUsers: ['bob'], memberGroups: ['tier1'] },
};

/** schemaIDGUID of userAccountControl (MS-ADA3), for the deny-read ACE on frank. */
export const USER_ACCOUNT_CONTROL_GUID = 'bf967a68-0de6-11d0-a285-00aa003049e2';

/** LDAP_MATCHING_RULE_IN_CHAIN: memberOf through any depth of nesting. */
export const IN_CHAIN = '1.2.840.113556.1.4.1941';

/** Generated user i (1-based) in OU=Bulk: enabled, no password (PASSWD_NOTREQD), searchable only. */
export function bulkUser(i: number): { dn: string; sAMAccountName: string; mail: string } {
  const name = `bulk${String(i).padStart(5, '0')}`;
  return { dn: `CN=${name},${AD_CONTAINERS.bulk}`, sAMAccountName: name, mail: `${name}@mail.${AD_DNS_DOMAIN}` };
}

export const AD_SEED_SCRIPT = join(import.meta.dirname, 'fixtures-ad', 'seed.py');
