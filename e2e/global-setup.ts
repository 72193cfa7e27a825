/**
 * Starts what the browser tests run against, all on loopback and all removed by the teardown:
 * a throwaway slapd with the fixture directory (the Jest harness's own), three instances of the
 * built app started as an operator would (`node dist/src/main.js`, SQLite in a temp folder), and
 * the Apache SSO proxy of the SSO suite in front of one of them.
 */
import { existsSync } from 'node:fs';

import { startApacheSso } from '../test/directories/apache.js';
import { FIXTURE_GROUPS, OUS } from '../test/directories/fixtures.js';
import { startOpenLdap } from '../test/directories/openldap.js';
import { ldapSettingsFor } from '../test/support/ldap-settings.js';
import { assertPrerequisites } from '../test/support/prerequisites.js';
import { AdminApi } from './support/admin-api.js';
import { assertBuilt, startApp } from './support/app-process.js';
import { CHROMIUM } from './support/chromium.js';
import { type E2eServers, SERVERS_ENV } from './support/servers.js';
import { HANDLES, type Handles } from './support/handles.js';

/** Low, so the throttling test needs few attempts. */
const LOGIN_MAX_FAILURES = 3;
const APP_ENV = { LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES), TRUST_PROXY: '127.0.0.1' };
/** Mailboxes of the prepared app, by directory group. */
const MAILBOXES = [
  { name: 'Support', email: 'support@example.com', ldapFilter: `(memberOf=${FIXTURE_GROUPS.support.dn})` },
  { name: 'Sales', email: 'sales@example.com', ldapFilter: `(memberOf=${FIXTURE_GROUPS.sales.dn})` },
  { name: 'Escalation', email: 'escalation@example.com', ldapFilter: `(memberOf=${FIXTURE_GROUPS.escalation.dn})` },
];

export default async function globalSetup(): Promise<void> {
  assertBuilt();
  assertPrerequisites(['slapd', 'slapadd', 'ldapmodify', 'openssl', 'apache2']);
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing. Install it with:\n  apt-get install -y --no-install-recommends chromium`,
    );

  const handles: Handles = [];
  (globalThis as { [HANDLES]?: Handles })[HANDLES] = handles;
  const started = Date.now();
  const ldap = await startOpenLdap();
  handles.push(ldap);
  const [fresh, breaker, main] = await Promise.all([
    startApp({ name: 'fresh', env: APP_ENV }),
    startApp({ name: 'breaker', bootstrapAdminPassword: 'breaker-admin-password', env: APP_ENV }),
    startApp({ name: 'main', bootstrapAdminPassword: 'main-admin-password', env: APP_ENV }),
  ]);
  handles.push(fresh, breaker, main);

  // The breaker's app: one scope over the whole tree, so narrowing it later makes most users vanish.
  const breakerApi = await AdminApi.signIn(breaker.url, breaker.adminEmail, breaker.adminPassword);
  await breakerApi.call(
    'PUT',
    '/api/admin/ldap/settings',
    ldapSettingsFor(ldap, { searchScopes: [{ dn: ldap.baseDn, filter: '(objectClass=inetOrgPerson)' }] }),
  );
  const mainApi = await AdminApi.signIn(main.url, main.adminEmail, main.adminPassword);
  await mainApi.call(
    'PUT',
    '/api/admin/ldap/settings',
    ldapSettingsFor(ldap, {
      sso: {
        enabled: true,
        header: 'x-remote-user',
        trustedProxies: ['127.0.0.1/32'],
        autoCreate: true,
        stripDomain: true,
      },
    }),
  );
  const mailboxIds: Record<string, number> = {};
  for (const mailbox of MAILBOXES)
    mailboxIds[mailbox.name] = (await mainApi.call<{ id: number }>('POST', '/api/admin/mailboxes', mailbox)).id;
  const imports = await Promise.all([breakerApi.importAndWait({ full: true }), mainApi.importAndWait({ full: true })]);
  for (const run of imports)
    if (run.status !== 'succeeded') throw new Error(`the preparing import ended ${run.status}: ${JSON.stringify(run)}`);

  const apache = await startApacheSso({ ldap, backendPort: main.port, searchBase: OUS.people });
  handles.push(apache);

  const info: E2eServers = {
    ldap: {
      host: ldap.host,
      port: ldap.port,
      url: ldap.url,
      baseDn: ldap.baseDn,
      serviceDn: ldap.serviceDn,
      servicePassword: ldap.servicePassword,
      caCertPem: ldap.caCertPem,
    },
    fresh: pick(fresh),
    breaker: pick(breaker),
    main: { ...pick(main), ssoUrl: apache.url, mailboxIds },
    loginMaxFailures: LOGIN_MAX_FAILURES,
  };
  process.env[SERVERS_ENV] = JSON.stringify(info);
  process.stdout.write(
    `servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s: slapd ${ldap.url}, apps ${fresh.url} (empty install), ${breaker.url}, ${main.url} (SSO proxy ${apache.url})\n`,
  );
}

function pick(app: { url: string; port: number; adminEmail: string; adminPassword: string }) {
  return { url: app.url, port: app.port, adminEmail: app.adminEmail, adminPassword: app.adminPassword };
}
