export type Encryption = 'none' | 'ssl' | 'starttls';

/** One of the "DNs and Filters": where users live and who counts as one. */
export interface SearchScope {
  dn: string;
  filter: string;
}

export interface AttributeMap {
  email: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  phone?: string;
}

export interface SyncSettings {
  enabled: boolean;
  /** Cron expression (5 or 6 fields). */
  schedule: string;
  deprovision: 'disable' | 'none';
  maxDisablePercent: number;
  /** A full run (which finds deletions) at least this often; scheduled runs in between are deltas. */
  fullSyncEveryHours: number;
  logRetentionDays: number;
}

export interface SsoSettings {
  enabled: boolean;
  header: string;
  trustedProxies: string[];
  secretHeader: string | null;
  autoCreate: boolean;
  stripDomain: boolean;
  logoutUrl: string | null;
}

/** One directory server: where to connect. Encryption, CA and bind account are shared by all servers. */
export interface LdapServer {
  host: string;
  port: number;
}

/** How to reach and bind to the directory: everything the client needs, and no more. */
export interface LdapConnectionSettings {
  /** The first server tried. */
  host: string;
  port: number;
  /** Further servers (replicas, other domain controllers), tried in this order when the ones before are down. */
  backupServers: LdapServer[];
  /**
   * A DNS domain whose `_ldap._tcp.<domain>` SRV records (RFC 2782) name the servers, e.g. an AD domain;
   * null: only host and backupServers.
   */
  srvDomain: string | null;
  encryption: Encryption;
  /** PEM, one or more certificates; when null the system trust store is used. */
  caCertificate: string | null;
  verifyCertificate: boolean;
  timeoutMs: number;
  bindDn: string;
  bindUsername: string | null;
  /** Clear text, only in memory, only on the way to a bind. */
  bindPassword: string | null;
  /** Why bindPassword is null though one is stored: a test against a changed target (see candidate). */
  bindPasswordWithheld?: string;
}

/** The admin-editable directory settings, as stored (without the secret). */
export interface LdapSettings extends Omit<LdapConnectionSettings, 'bindPassword' | 'bindPasswordWithheld'> {
  enabled: boolean;
  loginAttributes: string[];
  searchScopes: SearchScope[];
  allowBindDnScopeLogin: boolean;
  attributeMap: AttributeMap;
  /** Stable id attribute; null means the first present of every flavour's (objectGUID, entryUUID, ipaUniqueID, nsUniqueId: src/ldap/flavours). */
  uidAttribute: string | null;
  fallbackToLocal: boolean;
  pageSize: number;
  sampleSize: number;
  sync: SyncSettings;
  sso: SsoSettings;
}

export const DEFAULT_LDAP_SETTINGS: LdapSettings = {
  enabled: false,
  host: '',
  port: 389,
  backupServers: [],
  srvDomain: null,
  encryption: 'starttls',
  caCertificate: null,
  verifyCertificate: true,
  timeoutMs: 5000,
  bindDn: '',
  bindUsername: null,
  loginAttributes: ['uid', 'mail'],
  searchScopes: [],
  allowBindDnScopeLogin: false,
  attributeMap: { email: 'mail', firstName: 'givenName', lastName: 'sn', jobTitle: 'title', phone: 'telephoneNumber' },
  uidAttribute: null,
  fallbackToLocal: true,
  pageSize: 500,
  sampleSize: 20,
  sync: {
    enabled: false,
    schedule: '0 * * * *',
    deprovision: 'disable',
    maxDisablePercent: 10,
    fullSyncEveryHours: 24,
    logRetentionDays: 90,
  },
  sso: {
    enabled: false,
    header: 'x-remote-user',
    trustedProxies: ['127.0.0.1/32', '::1/128'],
    secretHeader: null,
    autoCreate: true,
    stripDomain: true,
    logoutUrl: null,
  },
};
