import { SambaAdInstance } from './samba-ad-instance.js';
import { sambaAdTemplate } from './samba-ad-template.js';
import type { DirectoryServer } from './directory-server.js';

export type { ModRdnOptions } from './ldif.js';

export interface SambaAdOptions {
  /** Generated users in OU=Bulk (bulkUser(i) in ad-fixtures.ts), e.g. 1,500 to page past AD's 1,000. Default 0. */
  bulkUsers?: number;
  /** How long to wait for another suite's instance to stop (the ports are host-wide). Default 10 minutes. */
  lockTimeoutMs?: number;
}

export interface SambaAdServer extends DirectoryServer {
  /** ldap://127.0.0.1:389 (StartTLS available); Samba's ports cannot be moved. */
  readonly url: string;
  /** Global catalog, ldap://127.0.0.1:3268. */
  readonly globalCatalogUrl: string;
  /** The CA that signed the server certificate (SAN localhost, 127.0.0.1, ::1, host name). */
  readonly caCertPem: string;
  /** DC=example,DC=test (see ad-fixtures.ts). */
  readonly baseDn: string;
  readonly realm: string;
  /** NetBIOS domain name, as in DOMAIN\user. */
  readonly domain: string;
  /** Administrator (Domain Admins), used by ldapAdd and friends. */
  readonly rootDn: string;
  readonly bulkUsers: number;
  /** Instance directory (smb.conf, sam.ldb, logs); removed by stop(). */
  readonly dir: string;
  /** Add entries (content or change records) as Administrator over LDAPS (unicodePwd needs TLS). */
  ldapAdd(ldif: string): Promise<void>;
  /** userAccountControl 514 (disabled) or 512 (normal account). */
  setDisabled(dn: string, disabled: boolean): Promise<void>;
  /** Stops Samba, removes its directory and lets the next suite on this host start its own. Idempotent. */
  stop(): Promise<void>;
}

/**
 * A throwaway Samba 4 Active Directory DC on 127.0.0.1's fixed AD ports (389, 636, 3268, 88):
 * one per host, so this waits on a host-wide lock until any other suite's instance is stopped.
 * Each start copies a template provisioned once per machine, fixture version and bulk count
 * (samba-ad-template.ts), so suites get fresh data in about two seconds. Needs root (ports < 1024).
 */
export async function startSambaAd(options: SambaAdOptions = {}): Promise<SambaAdServer> {
  const template = await sambaAdTemplate(options.bulkUsers ?? 0);
  return SambaAdInstance.fromTemplate(template, options.lockTimeoutMs ?? 600_000);
}
