// Apart from ldap-settings.ts, which the browser tests import: this file reaches the app (through app.js).
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp } from './app.js';

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
