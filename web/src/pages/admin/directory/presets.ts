import { type FormValues, scopeRow } from './form';

export type PresetName = 'active-directory' | 'openldap' | '389-ds';

/*
 * The presets of the directory flavours in src/ldap/flavours/ (one file per directory type). The API takes `preset` in a PUT but has no
 * read endpoint for these values, and a preset sent with a save applies only to scopes already
 * stored; filling them in on screen lets the admin see, edit and test them before saving, and the
 * save sends what is shown. Keep in step with those files until the API offers them.
 */
const MAPPING = { email: 'mail', firstName: 'givenName', lastName: 'sn', jobTitle: 'title', phone: 'telephoneNumber' };

export const PRESETS: {
  name: PresetName;
  label: string;
  loginAttributes: string[];
  userFilter: string;
  uidAttribute: string;
}[] = [
  {
    name: 'active-directory',
    label: 'Active Directory',
    loginAttributes: ['sAMAccountName', 'userPrincipalName', 'mail'],
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    uidAttribute: 'objectGUID',
  },
  {
    name: 'openldap',
    label: 'OpenLDAP',
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    uidAttribute: 'entryUUID',
  },
  {
    name: '389-ds',
    label: '389 DS / FreeIPA',
    loginAttributes: ['uid', 'mail'],
    userFilter: '(objectClass=inetOrgPerson)',
    uidAttribute: 'ipaUniqueID',
  },
];

/** As the server's applyPreset: scope filters replaced, scope DNs kept; one empty scope row when there is none. */
export function applyPreset(values: FormValues, name: PresetName): FormValues {
  const preset = PRESETS.find((p) => p.name === name)!;
  const rows = values.searchScopes.length > 0 ? values.searchScopes : [scopeRow()];
  return {
    ...values,
    loginAttributes: [...preset.loginAttributes],
    attributeMap: { ...MAPPING },
    uidAttribute: preset.uidAttribute,
    searchScopes: rows.map((row) => ({ ...row, filter: preset.userFilter })),
  };
}
