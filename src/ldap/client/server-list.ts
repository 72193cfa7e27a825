import type { LdapConnectionSettings } from '../settings/ldap-settings.types.js';

/** One server to try, and where it came from. */
export interface ListedServer {
  host: string;
  port: number;
  source: 'host' | 'backup' | 'dns-srv';
}

/** host (when not empty), then backupServers, then the SRV records not already listed. */
export async function listServers(
  settings: Pick<LdapConnectionSettings, 'host' | 'port' | 'backupServers' | 'srvDomain' | 'encryption'>,
): Promise<ListedServer[]> {
  // SRV records (srvDomain) come in with the failover-ui branch, which replaces this file
  const first: ListedServer[] = settings.host.trim()
    ? [{ host: settings.host, port: settings.port, source: 'host' }]
    : [];
  const backups = (settings.backupServers ?? []).map((s): ListedServer => ({ ...s, source: 'backup' }));
  return Promise.resolve([...first, ...backups]);
}
