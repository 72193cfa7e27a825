import { OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import type { OpenLdapServer } from '../directories/openldap.js';

/** Settings (as PUT to /api/admin/ldap/settings) pointing at a throwaway slapd: StartTLS, both fixture OUs. */
export function ldapSettingsFor(
  server: OpenLdapServer,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    enabled: true,
    host: '127.0.0.1',
    port: server.port,
    encryption: 'starttls',
    caCertificate: server.caCertPem,
    bindDn: SERVICE_ACCOUNT.dn,
    bindUsername: null,
    bindPassword: SERVICE_ACCOUNT.password,
    loginAttributes: ['uid', 'mail'],
    searchScopes: [
      { dn: OUS.people, filter: '(objectClass=inetOrgPerson)' },
      { dn: OUS.staff, filter: '(objectClass=inetOrgPerson)' },
    ],
    allowBindDnScopeLogin: false,
    fallbackToLocal: true,
    ...overrides,
  };
}
