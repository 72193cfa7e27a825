import { LdapSettings } from './ldap-settings.types.js';

export type PresetName = 'active-directory' | 'openldap' | 'freeipa';

type Preset = Pick<LdapSettings, 'loginAttributes' | 'attributeMap' | 'uidAttribute'> & { userFilter: string };

/**
 * Defaults per directory type: filled in when the admin picks one, still editable.
 * AD: (!(userAccountControl:1.2.840.113556.1.4.803:=2)) is left out of the filter on purpose;
 * disabled accounts are recognised and refused with a clear log line instead.
 */
export const PRESETS: Record<PresetName, Preset> = {
  'active-directory': {
    loginAttributes: ['sAMAccountName', 'userPrincipalName', 'mail'],
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    attributeMap: {
      email: 'mail',
      firstName: 'givenName',
      lastName: 'sn',
      jobTitle: 'title',
      phone: 'telephoneNumber',
    },
    uidAttribute: 'objectGUID',
  },
  openldap: {
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    attributeMap: {
      email: 'mail',
      firstName: 'givenName',
      lastName: 'sn',
      jobTitle: 'title',
      phone: 'telephoneNumber',
    },
    uidAttribute: 'entryUUID',
  },
  freeipa: {
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    attributeMap: {
      email: 'mail',
      firstName: 'givenName',
      lastName: 'sn',
      jobTitle: 'title',
      phone: 'telephoneNumber',
    },
    uidAttribute: 'ipaUniqueID',
  },
};

/** Fills in a preset; scope filters are replaced, scope DNs kept. */
export function applyPreset(settings: LdapSettings, name: PresetName): LdapSettings {
  const preset = PRESETS[name];
  return {
    ...settings,
    loginAttributes: [...preset.loginAttributes],
    attributeMap: { ...preset.attributeMap },
    uidAttribute: preset.uidAttribute,
    searchScopes: settings.searchScopes.map((scope) => ({ ...scope, filter: preset.userFilter })),
  };
}
