import type { SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';

import { Logger } from '@nestjs/common';

import type { Encryption, LdapConnectionSettings } from '../settings/ldap-settings.types.js';

export interface ListedServer {
  host: string;
  port: number;
  source: 'host' | 'backup' | 'dns-srv';
}

/** What listServers needs of a DNS resolver: node:dns/promises' Resolver fits. */
export interface SrvResolver {
  resolveSrv(hostname: string): Promise<SrvRecord[]>;
}

/** One SRV lookup as the connection test shows it. */
export interface SrvLookup {
  domain: string;
  /** The record name that answered (or was last asked), e.g. `_ldap._tcp.example.com`. */
  name: string;
  /** The servers in RFC 2782 order, ports as they will be dialled. */
  servers: ListedServer[];
  /** The records behind `servers`, in the same order. */
  records: SrvRecord[];
  /** Set when the last lookup failed; `servers` then holds the last good answer, if any. */
  error?: string;
  /** The age of the answer in ms when it came from the cache. */
  cachedMs?: number;
}

/** A fresh SRV answer is used this long (node's resolver does not hand out the record TTL). */
export const SRV_FRESH_MS = 5 * 60_000;
/** When a lookup fails, the last good answer is used for up to this long after it was fetched. */
export const SRV_STALE_MS = 60 * 60_000;
/** A failed lookup is not repeated sooner than this, so a DNS outage does not slow every sign-in. */
export const SRV_RETRY_MS = 30_000;

const logger = new Logger('ServerList');

interface CacheEntry {
  fetchedAt: number;
  name: string;
  records: SrvRecord[];
  servers: ListedServer[];
}

/** SRV answers per domain and encryption, shared by every caller in this process. */
export class SrvCache {
  readonly good = new Map<string, CacheEntry>();
  readonly failed = new Map<string, { at: number; name: string; error: string }>();
  readonly pending = new Map<string, Promise<SrvLookup>>();
}

export interface ServerListOptions {
  /** Default: the system resolver with a 2 s timeout, 2 tries. */
  resolver?: SrvResolver;
  /** A number in [0, 1), as Math.random; tests pin the weighted order with it. */
  random?: () => number;
  now?: () => number;
  cache?: SrvCache;
  /** Where a failed lookup is reported; default the Nest logger (warn). */
  warn?: (message: string) => void;
}

let defaultCache = new SrvCache();
let defaultResolver: SrvResolver | undefined;

/**
 * Sets the resolver every SRV lookup of this process uses when none is passed (undefined: the
 * system resolver again), and forgets cached answers, which came from the other resolver.
 */
export function configureSrvResolver(resolver: SrvResolver | undefined): void {
  defaultResolver = resolver;
  defaultCache = new SrvCache();
}

type ServerListSettings = Pick<LdapConnectionSettings, 'host' | 'port' | 'backupServers' | 'srvDomain' | 'encryption'>;

/** host (when not empty), then backupServers, then the SRV records not already listed. */
export async function listServers(
  settings: ServerListSettings,
  options: ServerListOptions = {},
): Promise<ListedServer[]> {
  const listed = configuredServers(settings);
  if (!settings.srvDomain) return listed;
  const lookup = await lookupSrv(settings.srvDomain, settings.encryption, options);
  return mergeDiscovered(listed, lookup.servers);
}

/** The servers the settings name, without DNS. */
export function configuredServers(
  settings: Pick<ServerListSettings, 'host' | 'port' | 'backupServers'>,
): ListedServer[] {
  const listed: ListedServer[] = [];
  if (settings.host.trim() !== '') listed.push({ host: settings.host, port: settings.port, source: 'host' });
  for (const server of settings.backupServers ?? []) listed.push({ ...server, source: 'backup' });
  return listed;
}

/** `listed`, then the discovered servers whose host (case-insensitive) and port are not listed yet. */
export function mergeDiscovered(listed: ListedServer[], discovered: ListedServer[]): ListedServer[] {
  const seen = new Set(listed.map(serverKey));
  const merged = [...listed];
  for (const server of discovered) {
    if (seen.has(serverKey(server))) continue;
    seen.add(serverKey(server));
    merged.push(server);
  }
  return merged;
}

/**
 * The directory servers of `domain` from DNS SRV records (RFC 2782), in the order to try them,
 * cached per domain for SRV_FRESH_MS. When a lookup fails the last good answer (up to
 * SRV_STALE_MS old) is returned with the error, and the failure is logged; never throws.
 *
 * Encryption ssl: `_ldaps._tcp.<domain>` is asked first (IANA service name "ldaps", port 636);
 * when it has no records, `_ldap._tcp.<domain>` is used with port 389 read as 636. Active
 * Directory publishes only `_ldap._tcp` with port 389 ("SRV resource records registered by
 * Net Logon", Microsoft Learn) and answers LDAPS on 636 on the same domain controllers.
 * Other ports are dialled as published.
 */
export async function lookupSrv(
  domain: string,
  encryption: Encryption,
  options: ServerListOptions = {},
): Promise<SrvLookup> {
  const cache = options.cache ?? defaultCache;
  const now = (options.now ?? Date.now)();
  const key = `${domain.toLowerCase()}|${encryption === 'ssl' ? 'ssl' : 'plain'}`;
  const good = cache.good.get(key);
  if (good && now - good.fetchedAt < SRV_FRESH_MS) return fromEntry(domain, good, now);
  const failed = cache.failed.get(key);
  if (failed && now - failed.at < SRV_RETRY_MS) return staleAnswer(domain, good, now, failed.name, failed.error);
  let pending = cache.pending.get(key);
  if (!pending) {
    pending = refresh(domain, encryption, key, options, cache, now).finally(() => cache.pending.delete(key));
    cache.pending.set(key, pending);
  }
  return pending;
}

async function refresh(
  domain: string,
  encryption: Encryption,
  key: string,
  options: ServerListOptions,
  cache: SrvCache,
  now: number,
): Promise<SrvLookup> {
  const resolver = options.resolver ?? systemResolver();
  const random = options.random ?? Math.random;
  let name = `_ldap._tcp.${domain}`;
  try {
    let records: SrvRecord[] = [];
    let ldapsRecords = false;
    if (encryption === 'ssl') {
      name = `_ldaps._tcp.${domain}`;
      records = await resolveOrEmpty(resolver, name);
      ldapsRecords = records.length > 0;
    }
    if (!ldapsRecords) {
      name = `_ldap._tcp.${domain}`;
      records = await resolveOrEmpty(resolver, name);
    }
    const usable = records.filter((r) => r.name !== '' && r.name !== '.');
    const ordered = orderSrvRecords(usable, random);
    const servers = ordered.map((r) => ({
      host: r.name.replace(/\.$/, ''),
      port: encryption === 'ssl' && !ldapsRecords && r.port === 389 ? 636 : r.port,
      source: 'dns-srv' as const,
    }));
    const entry = { fetchedAt: now, name, records: ordered, servers };
    cache.good.set(key, entry);
    cache.failed.delete(key);
    return { domain, name, records: ordered, servers };
  } catch (error) {
    const message = (error as Error).message;
    cache.failed.set(key, { at: now, name, error: message });
    const good = cache.good.get(key);
    const kept = good && now - good.fetchedAt < SRV_STALE_MS;
    (options.warn ?? ((line: string) => logger.warn(line)))(
      `SRV lookup of ${name} failed (${message}); ${kept ? `using the answer from ${Math.round((now - good.fetchedAt) / 1000)} s ago` : 'no earlier answer to use'}`,
    );
    return staleAnswer(domain, good, now, name, message);
  }
}

/** No such name and no SRV data are an empty answer, not a failure. */
async function resolveOrEmpty(resolver: SrvResolver, name: string): Promise<SrvRecord[]> {
  try {
    return await resolver.resolveSrv(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
    throw error;
  }
}

/**
 * RFC 2782 order: priority ascending; within one priority, repeatedly pick a record with
 * probability proportional to its weight (weight 0 records first in the running sum, so they are
 * picked only when the random number is 0 or they are all that is left).
 */
export function orderSrvRecords(records: SrvRecord[], random: () => number = Math.random): SrvRecord[] {
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b);
  const ordered: SrvRecord[] = [];
  for (const priority of priorities) {
    const left = records
      .filter((r) => r.priority === priority)
      .sort((a, b) => (a.weight === 0 ? 0 : 1) - (b.weight === 0 ? 0 : 1));
    while (left.length > 0) {
      const total = left.reduce((sum, r) => sum + r.weight, 0);
      const pick = Math.floor(random() * (total + 1));
      let running = 0;
      const index = left.findIndex((r) => (running += r.weight) >= pick);
      ordered.push(...left.splice(index < 0 ? 0 : index, 1));
    }
  }
  return ordered;
}

function fromEntry(domain: string, entry: CacheEntry, now: number): SrvLookup {
  return { domain, name: entry.name, records: entry.records, servers: entry.servers, cachedMs: now - entry.fetchedAt };
}

function staleAnswer(
  domain: string,
  good: CacheEntry | undefined,
  now: number,
  name: string,
  error: string,
): SrvLookup {
  if (good && now - good.fetchedAt < SRV_STALE_MS) return { ...fromEntry(domain, good, now), error };
  return { domain, name, records: [], servers: [], error };
}

function serverKey(server: { host: string; port: number }): string {
  return `${server.host.toLowerCase()}:${server.port}`;
}

function systemResolver(): SrvResolver {
  defaultResolver ??= new Resolver({ timeout: 2_000, tries: 2 });
  return defaultResolver;
}
