import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DirectoryServer } from './directory-server.js';
import { SlapdInstance } from './slapd-instance.js';
import { tlsMaterial } from './tls.js';

export type { ModRdnOptions } from './ldif.js';

/** Which server certificate the TLS listeners present; 'none': no TLS at all (StartTLS is refused). */
export type TlsMode = 'valid' | 'expired' | 'wrong-host' | 'none';

export interface OpenLdapOptions {
  /** Most entries a plain search returns (default 500, like slapd). Paged searches are not capped: any page size, any total. */
  sizeLimit?: number;
  /** Largest page a paged search may ask for (slapd size.pr: a larger one answers 11 adminLimitExceeded). Default: any. */
  pageSizeLimit?: number;
  /**
   * Default true: the syncprov overlay keeps the suffix's contextCSN, as on a replicated server,
   * and the sync takes its delta mark from it. false: the server publishes no change mark.
   */
  contextCsn?: boolean;
  /** Default 'valid'. */
  tls?: TlsMode;
  /** Default true: load test/directories/fixtures (see fixtures.ts). false: only the suffix, service account, password policy and empty OUs. */
  seed?: boolean;
  /** LDIF slapadd-ed (quick mode, no overlays) before the first start, e.g. from generateUsersLdif(). Must not contain the suffix entry. */
  bulkLdif?: string;
  /**
   * Default false: no index on modifyTimestamp, so a delta's (modifyTimestamp>=…) scans every entry.
   * true: `index modifyTimestamp eq`, as the README tells admins to add (its equality index serves `>=`).
   */
  indexModifyTimestamp?: boolean;
}

export interface OpenLdapServer extends DirectoryServer {
  /** ldap://127.0.0.1:port (StartTLS available unless tls is 'none'). */
  readonly url: string;
  /** ldaps://127.0.0.1:ldapsPort (nothing listens there when tls is 'none'). */
  readonly ldapsUrl: string;
  readonly ldapiUrl: string;
  readonly tls: TlsMode;
  /** Instance directory: slapd.d, data, slapd.log, ldapi socket. Removed by stop(). */
  readonly dir: string;
  /** pid of the running slapd, undefined while it is down. */
  readonly pid: number | undefined;
  /** Add entries (LDIF content records, or change records), as the local root over ldapi://. */
  ldapAdd(ldif: string): Promise<void>;
  /** Sets or clears pwdAccountLockedTime (ppolicy: a locked account's binds answer 49). */
  setLocked(dn: string, locked: boolean): Promise<void>;
  /** Established client connections to the ldap:// and ldaps:// ports. */
  connectionCount(): Promise<number>;
  /** slapd's stats log (conn=… op=… BIND/SRCH/RESULT lines) since the instance was created. */
  accessLog(): Promise<string[]>;
  /** Simple binds logged so far, all or those of one DN (compared case-insensitively). */
  bindCount(dn?: string): Promise<number>;
  /** SIGTERM (SIGKILL after 2 s) and remove the directory. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL, keeping the directory: the server is unreachable until restart(). */
  kill(): Promise<void>;
  /** Starts slapd again on the same ports and data (stopping it first if it is running). */
  restart(): Promise<void>;
  /** SIGSTOP: connections are accepted by the kernel but nothing answers (timeouts). */
  pause(): Promise<void>;
  resume(): void;
}

/**
 * A throwaway slapd on free loopback ports in its own temp directory, so suites can run in
 * parallel. Call stop() in afterAll; the process is killed at exit if a test crashes first.
 */
export async function startOpenLdap(options: OpenLdapOptions = {}): Promise<OpenLdapServer> {
  const tls = options.tls ?? 'valid';
  const material = await tlsMaterial();
  const certificates = {
    valid: material.valid,
    expired: material.expired,
    'wrong-host': material.wrongHost,
    none: undefined,
  };
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-slapd-'));
  const instance = new SlapdInstance(dir, tls, material.ca.path, material.ca.pem);
  try {
    await instance.configure(options, certificates[tls]);
    await instance.startOnFreePorts();
    await instance.seed(options.seed !== false, options.bulkLdif !== undefined);
    return instance;
  } catch (error) {
    await instance.stop();
    throw error;
  }
}
