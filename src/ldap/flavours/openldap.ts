import { type DirectoryFlavour, INET_ORG_PERSON_MAP, rootDseValues } from './flavour.js';

/** The ppolicy value for "locked until an administrator unlocks it" (draft-behera-ldap-password-policy-10 §5.3.3). */
export const PERMANENT_LOCK = '000001010000Z';

/** OpenLDAP slapd, with the ppolicy overlay for account locks and syncprov for the delta mark. */
export const openLdap: DirectoryFlavour = {
  name: 'openldap',
  aliases: [],
  label: 'OpenLDAP',
  preset: {
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    attributeMap: { ...INET_ORG_PERSON_MAP },
    uidAttribute: 'entryUUID',
  },
  binaryAttributes: [],
  stableIds: [{ attribute: 'entryUUID' }],
  accountStateAttributes: ['pwdAccountLockedTime'],
  signInBlock: (entry) => (entry.text('pwdAccountLockedTime') !== undefined ? 'locked' : null),
  // a timed lock (after failed passwords) ends by itself (pwdLockoutDuration) while the attribute stays until the next bind
  accountState: (entry) => (entry.text('pwdAccountLockedTime') === PERMANENT_LOCK ? 'locked' : null),
  errors: {
    subCodes: {},
    // ppolicy's diagnostic messages
    messageRules: [
      [/exceed password retry limit|account (is )?locked/i, 'ACCOUNT_LOCKED'],
      [/password (has )?expired/i, 'PASSWORD_EXPIRED'],
    ],
  },
  rootDseAttributes: ['structuralObjectClass', 'objectClass'],
  recognise: (rootDse) =>
    rootDseValues(rootDse, 'structuralObjectClass').includes('OpenLDAProotDSE') ||
    rootDseValues(rootDse, 'objectClass').includes('OpenLDAProotDSE'),
  // syncprov advances the suffix's contextCSN only once every change before it is committed
  changeCounter: {
    attribute: 'modifyTimestamp',
    sources: [{ from: 'naming-context', attribute: 'contextCSN', form: 'csn' }],
  },
};
