import type { AddressInfo } from 'node:net';

import { startOpenLdap, type OpenLdapServer } from '../directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app.js';
import { ldapSettingsFor } from '../support/ldap-settings.js';

export const SSO_LOGOUT_URL = 'https://sso.example.com/logout';

/** SSO on, trusting 127.0.0.1 only (so 127.0.0.2 is an untrusted address on the same machine). */
export const SSO_ON = {
  enabled: true,
  header: 'x-remote-user',
  trustedProxies: ['127.0.0.1/32'],
  secretHeader: null,
  secret: null,
  autoCreate: true,
  stripDomain: true,
  logoutUrl: SSO_LOGOUT_URL,
};

export interface SsoApp {
  t: TestApp;
  ldap: OpenLdapServer;
  admin: string;
  /** The app's real listening port on 127.0.0.1 (a proxy needs one). */
  port: number;
  /** PUTs the LDAP settings for the throwaway slapd, SSO on, with overrides (`sso` merged into SSO_ON). */
  configure(overrides?: Record<string, unknown>): Promise<void>;
  users(): Promise<{ id: number; email: string; authSource: string; status: string; ldapDn: string | null }[]>;
  logLines(event: string): Promise<string[]>;
  close(): Promise<void>;
}

/** The real app on a real port, with a throwaway slapd; TRUST_PROXY=127.0.0.1 as behind a local proxy. */
export async function startSsoApp(databaseUrl: string): Promise<SsoApp> {
  const ldap = await startOpenLdap();
  const t = await startTestApp(databaseUrl, { trustProxy: ['127.0.0.1'] });
  await t.app.listen(0, '127.0.0.1');
  const admin = await t.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  const get = async (path: string) => (await t.http().get(path).set('Cookie', admin).expect(200)).body;
  return {
    t,
    ldap,
    admin,
    port: (t.app.getHttpServer().address() as AddressInfo).port,
    async configure(overrides = {}) {
      const { sso, ...rest } = overrides;
      const body = ldapSettingsFor(ldap, { ...rest, sso: { ...SSO_ON, ...(sso as object | undefined) } });
      const res = await t.http().put('/api/admin/ldap/settings').set('Cookie', admin).send(body);
      if (res.status !== 200) throw new Error(`settings refused: ${JSON.stringify(res.body)}`);
    },
    users: async () => (await get('/api/admin/users?pageSize=500')).items,
    logLines: async (event) =>
      ((await get(`/api/admin/logs/ldap?event=${event}&pageSize=500`)).items as { message: string }[]).map(
        (l) => l.message,
      ),
    async close() {
      await t.close();
      await ldap.stop();
    },
  };
}
