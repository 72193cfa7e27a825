import { OUS, SERVICE_ACCOUNT } from '../directories/fixtures.js';
import type { OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp } from './app.js';

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

/** Saves LDAP settings (PUT /api/admin/ldap/settings) with the session `cookie`; throws the answer unless it is 200. */
export async function putLdapSettings(t: TestApp, cookie: string, settings: Record<string, unknown>): Promise<void> {
  const res = await t.http().put('/api/admin/ldap/settings').set('Cookie', cookie).send(settings);
  if (res.status !== 200) throw new Error(`PUT /api/admin/ldap/settings: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Signs in as the bootstrap admin and saves these LDAP settings; returns the admin's session cookie. */
export async function signInAdminAndConfigure(t: TestApp, settings: Record<string, unknown>): Promise<string> {
  const admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  await putLdapSettings(t, admin, settings);
  return admin;
}
