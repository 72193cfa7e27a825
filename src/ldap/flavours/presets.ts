import type { LdapSettings } from '../settings/ldap-settings.types.js';
import { flavourByName } from './index.js';

/**
 * Fills in a flavour's preset (by its name or an old alias such as `freeipa`); scope filters are
 * replaced, scope DNs kept. Throws on a name no flavour has (the DTO checks it first).
 */
export function applyPreset(settings: LdapSettings, name: string): LdapSettings {
  const flavour = flavourByName(name);
  if (!flavour) throw new Error(`no directory type is called ${name}`);
  const { preset } = flavour;
  return {
    ...settings,
    loginAttributes: [...preset.loginAttributes],
    attributeMap: { ...preset.attributeMap },
    uidAttribute: preset.uidAttribute,
    searchScopes: settings.searchScopes.map((scope) => ({ ...scope, filter: preset.userFilter })),
  };
}
