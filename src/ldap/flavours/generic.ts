import { type DirectoryFlavour, INET_ORG_PERSON_MAP } from './flavour.js';

/**
 * Any other LDAPv3 server: standard schema only (inetOrgPerson, RFC 2798; entryUUID, RFC 4530).
 * It recognises no root DSE: it is what is left when no other flavour does.
 */
export const generic: DirectoryFlavour = {
  name: 'generic',
  aliases: [],
  label: 'LDAP directory',
  preset: {
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    attributeMap: { ...INET_ORG_PERSON_MAP },
    uidAttribute: 'entryUUID',
  },
  // RFC 2798 jpegPhoto and photo, RFC 4523 certificates: bytes, never text
  binaryAttributes: ['jpegPhoto', 'photo', 'userCertificate', 'userSMIMECertificate', 'userPKCS12'],
  stableIds: [{ attribute: 'entryUUID' }],
  accountStateAttributes: [],
  signInBlock: () => null,
  accountState: () => null,
  errors: { subCodes: {}, messageRules: [] },
  rootDseAttributes: [],
  recognise: () => false,
  // a clock the server publishes in its root DSE
  changeCounter: {
    attribute: 'modifyTimestamp',
    sources: [{ from: 'root-dse', attribute: 'currentTime', form: 'time' }],
  },
};
