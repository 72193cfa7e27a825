import type { AddressInfo } from 'node:net';

import { EntryReader } from '../../src/ldap/directory/entry-reader.js';
import { LdapSettingsService } from '../../src/ldap/settings/ldap-settings.service.js';
import type { Encryption } from '../../src/ldap/settings/ldap-settings.types.js';
import { generateUsersLdif, type GeneratedUsers } from '../../test/directories/generate.js';
import { type OpenLdapServer, startOpenLdap } from '../../test/directories/openldap.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../../test/support/app.js';
import { createDatabase, startMariaDb } from '../../test/support/mariadb.js';

export const USER_FILTER = '(objectClass=inetOrgPerson)';
export const LOGIN_ATTRIBUTES = ['uid', 'mail'];
/** Long enough for 50 concurrent sign-ins on 2 cores, short enough for the paused-server round. */
export const TIMEOUT_MS = 1_000;
const NO_THROTTLE = { perLogin: 1e9, perLoginWindowSeconds: 60, perClient: 1e9, perClientWindowSeconds: 60 };

/** Everything a baseline needs to talk to the same directory as the app, the same way. */
export interface DirectoryTarget {
  encryption: Encryption;
  url: string;
  port: number;
  caPem: string;
  bindDn: string;
  bindPassword: string;
  base: string;
  /** The attributes the app asks for when it looks a user up. */
  attributes: string[];
}

export interface SignInEnvironment {
  ldap: OpenLdapServer;
  users: GeneratedUsers;
  app: TestApp;
  /** Port of the app's HTTP server (app.listen(0)). */
  port: number;
  /** mysql://… of the MariaDB server (no database), for server-wide counters. */
  mariadbUrl: string;
  /** mysql://… of the app's own database (the NestJS baseline keeps its sessions there too). */
  databaseUrl: string;
  /** Points the app (settings) at slapd over this encryption and answers the same target for the baselines. */
  use(encryption: Encryption): Promise<DirectoryTarget>;
  stop(): Promise<void>;
}

export async function startEnvironment(userCount: number): Promise<SignInEnvironment> {
  const users = await generateUsersLdif(userCount);
  const ldap = await startOpenLdap({ seed: false, bulkLdif: users.path });
  const mariadb = await startMariaDb().catch(async (error: unknown) => {
    await ldap.stop();
    throw error;
  });
  let app: TestApp | undefined;
  const stop = async (): Promise<void> => {
    await app?.close();
    await Promise.all([ldap.stop(), mariadb.stop()]);
  };
  try {
    const databaseUrl = await createDatabase(mariadb.url, 'bench_signin');
    app = await startTestApp(databaseUrl, { loginThrottle: NO_THROTTLE });
    await app.app.listen(0, '127.0.0.1');
    const port = (app.app.getHttpServer().address() as AddressInfo).port;
    const admin = await app.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const started = app;
    return {
      ldap,
      users,
      app: started,
      port,
      mariadbUrl: mariadb.url,
      databaseUrl,
      use: (encryption) => configure(started, admin, ldap, users, encryption),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function configure(
  app: TestApp,
  admin: string,
  ldap: OpenLdapServer,
  users: GeneratedUsers,
  encryption: Encryption,
): Promise<DirectoryTarget> {
  const secure = encryption === 'ssl';
  const port = secure ? ldap.ldapsPort : ldap.port;
  const settings = {
    enabled: true,
    host: '127.0.0.1',
    port,
    encryption,
    caCertificate: encryption === 'none' ? null : ldap.caCertPem,
    verifyCertificate: true,
    timeoutMs: TIMEOUT_MS,
    bindDn: ldap.serviceDn,
    bindUsername: null,
    bindPassword: ldap.servicePassword,
    loginAttributes: LOGIN_ATTRIBUTES,
    searchScopes: [{ dn: users.containerDn, filter: USER_FILTER }],
    allowBindDnScopeLogin: false,
    fallbackToLocal: false,
    confirmLockout: true, // the admin is local-only: this install locks it out on purpose
  };
  const res = await app.http().put('/api/admin/ldap/settings').set('Cookie', admin).send(settings);
  if (res.status !== 200) throw new Error(`configuring LDAP failed: ${res.status} ${JSON.stringify(res.body)}`);
  const attributes = [...EntryReader.for(await app.app.get(LdapSettingsService).get()).attributes];
  return {
    encryption,
    url: `${secure ? 'ldaps' : 'ldap'}://127.0.0.1:${port}`,
    port,
    caPem: ldap.caCertPem,
    bindDn: ldap.serviceDn,
    bindPassword: ldap.servicePassword,
    base: users.containerDn,
    attributes,
  };
}
