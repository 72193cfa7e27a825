import { type DirectoryFlavour, INET_ORG_PERSON_MAP, rootDseValues } from './flavour.js';

/**
 * 389 Directory Server, and FreeIPA built on it: one flavour, one name (`389-ds`). `freeipa`,
 * the preset's former name, is still accepted on input.
 */
export const ds389: DirectoryFlavour = {
  name: '389-ds',
  aliases: ['freeipa'],
  label: '389 Directory Server / FreeIPA',
  preset: {
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    attributeMap: { ...INET_ORG_PERSON_MAP },
    uidAttribute: 'ipaUniqueID',
  },
  binaryAttributes: [],
  // FreeIPA's own id first; every 389 entry has nsUniqueId
  stableIds: [{ attribute: 'ipaUniqueID' }, { attribute: 'nsUniqueId' }],
  accountStateAttributes: ['nsAccountLock'],
  signInBlock: (entry) => ((entry.text('nsAccountLock') ?? '').toUpperCase() === 'TRUE' ? 'disabled' : null),
  accountState: (entry) => ((entry.text('nsAccountLock') ?? '').toUpperCase() === 'TRUE' ? 'disabled' : null),
  errors: {
    subCodes: {},
    messageRules: [[/account inactivated|account is disabled/i, 'ACCOUNT_DISABLED']],
  },
  rootDseAttributes: ['vendorName'],
  recognise: (rootDse) => rootDseValues(rootDse, 'vendorName').some((v) => /389|fedora|red hat/i.test(v)),
  // 389 keeps its clock in cn=monitor (currentTime), readable by any bound account by default
  changeCounter: {
    attribute: 'modifyTimestamp',
    sources: [{ from: 'entry', dn: 'cn=monitor', attribute: 'currentTime', form: 'time' }],
  },
};
