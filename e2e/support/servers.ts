/**
 * What the global setup started, handed to the test workers in one environment variable
 * (workers are forked after the global setup and inherit its environment).
 */
export const SERVERS_ENV = 'HELPDESK_E2E_SERVERS';

export interface AppServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  adminEmail: string;
  adminPassword: string;
}

export interface E2eServers {
  /** The throwaway slapd with the fixture directory (test/directories/fixtures.ts). */
  ldap: {
    host: string;
    port: number;
    url: string;
    baseDn: string;
    serviceDn: string;
    servicePassword: string;
    caCertPem: string;
  };
  /** An empty install: nothing configured; the admin password is the one it printed on its first start. */
  fresh: AppServer;
  /** Directory configured (one scope, the whole tree) and imported: the deprovisioning breaker's own app. */
  breaker: AppServer;
  /** Directory, SSO and mailboxes configured and imported; the Apache SSO proxy in front of it. */
  main: AppServer & { ssoUrl: string; mailboxIds: Record<string, number> };
  /** LOGIN_MAX_FAILURES every app was started with. */
  loginMaxFailures: number;
}

export function servers(): E2eServers {
  const json = process.env[SERVERS_ENV];
  if (!json)
    throw new Error(
      `${SERVERS_ENV} is not set: run the browser tests with "npm run test:browser" (the global setup starts the servers)`,
    );
  return JSON.parse(json) as E2eServers;
}
