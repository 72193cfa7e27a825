import { Ds389Instance } from './389ds-instance.js';
import { ds389Template } from './389ds-template.js';
import type { DirectoryServer } from './directory-server.js';

export type { ModRdnOptions } from './ldif.js';

export interface Ds389Options {
  /** nsslapd-sizelimit: most entries a plain search returns (389-ds default 2000). */
  sizeLimit?: number;
}

export interface Ds389Server extends DirectoryServer {
  /** ldap://127.0.0.1:port (StartTLS available). */
  readonly url: string;
  readonly ldapiUrl: string;
  /** The CA that signed the server certificate (SAN localhost, 127.0.0.1, ::1, host name). */
  readonly caCertPem: string;
  /** dc=ipa,dc=test, laid out as FreeIPA does (see ipa-fixtures.ts). */
  readonly baseDn: string;
  /** Host-wide instance name (slapd-<name>). */
  readonly instance: string;
  /** Instance directory: config, database, logs, ldapi socket. Removed by stop(). */
  readonly dir: string;
  /** Add entries (content records or change records) as cn=Directory Manager over ldapi://. */
  ldapAdd(ldif: string): Promise<void>;
  /** Sets or clears nsAccountLock: TRUE (`ipa user-disable` / `user-enable`). */
  setLocked(dn: string, locked: boolean): Promise<void>;
  /** The access log (conn=… op=… BIND/SRCH/RESULT lines), flushed as written. */
  accessLog(): Promise<string[]>;
  /** Kills the server and removes its directory. Idempotent. */
  stop(): Promise<void>;
  /** Stops ns-slapd cleanly and starts it again on the same ports and data. */
  restart(): Promise<void>;
}

/**
 * A throwaway 389 Directory Server (FreeIPA's directory) on free loopback ports, without systemd:
 * a copy of a template provisioned once per machine and fixture version (see 389ds-template.ts),
 * so each suite gets fresh data in about a second. Call stop() in afterAll; the process is killed
 * at exit if a test crashes first. The first start on a machine takes about 20 s more.
 */
export async function start389ds(options: Ds389Options = {}): Promise<Ds389Server> {
  const template = await ds389Template();
  return Ds389Instance.fromTemplate(template, options);
}
