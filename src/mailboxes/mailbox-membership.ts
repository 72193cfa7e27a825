import type { LdapConnection } from '../ldap/client/ldap-connection.js';
import { lookupScopes } from '../ldap/directory/directory.service.js';
import { isDnUnder } from '../ldap/syntax/dn.js';
import { andFilters } from '../ldap/syntax/filter.js';
import { type LdapError, toLdapError } from '../ldap/ldap.error.js';
import type { LdapSettings, SearchScope } from '../ldap/settings/ldap-settings.types.js';

/*
 * The one rule for directory-driven mailbox membership, used by sign-in, the sync and the preview:
 * a directory user belongs to a mailbox with a filter when, in some lookup scope holding the
 * user's entry, the entry matches (&<scope filter><mailbox filter>); users outside every scope
 * never do. Each filter is evaluated on its own, with its own limits, and a filter that fails
 * decides nothing: the mailbox keeps its memberships as they were.
 */

/** A mailbox whose members a filter decides. */
export interface FilteredMailbox {
  id: number;
  name: string;
  ldapFilter: string;
}

/** Limits every request of one mailbox filter gets: the server's (seconds) and ours (the connection timeout). */
export interface FilterLimits {
  timeLimitSeconds: number;
  timeoutMs: number;
}

export type FailureCause = 'rejected' | 'timeout' | 'dropped';

/** What one mailbox filter said about one entry: member or not, or failed (then nothing changes). */
export type MailboxDecision =
  | { mailbox: FilteredMailbox; ok: true; member: boolean }
  | { mailbox: FilteredMailbox; ok: false; cause: FailureCause; reason: string };

/** Runs fn on a healthy connection: a fresh one when the last one timed out or dropped. */
export type WithConnection = <T>(fn: (conn: LdapConnection) => Promise<T>) => Promise<T>;

const IN_CHAIN = /\(([A-Za-z][A-Za-z0-9-]*):1\.2\.840\.113556\.1\.4\.1941:=([^)]*)\)/g;

/** Where a mailbox filter is searched: each lookup scope, for (&<scope filter><mailbox filter>). */
export function membershipSearches(settings: LdapSettings, mailboxFilter: string): SearchScope[] {
  return lookupScopes(settings).map((scope) => ({ dn: scope.dn, filter: andFilters(scope.filter, mailboxFilter) }));
}

/**
 * The server-side limit sits a second under ours where it can, so a slow filter usually ends with
 * the server's timeLimitExceeded on a connection that stays usable rather than with our timeout.
 */
export function filterLimits(settings: Pick<LdapSettings, 'timeoutMs'>): FilterLimits {
  const timeoutMs = settings.timeoutMs;
  return { timeoutMs, timeLimitSeconds: Math.max(1, Math.ceil(timeoutMs / 1000) - 1) };
}

/** Sign-in's question, mailbox by mailbox: does the entry at dn belong? Base searches on the entry itself. */
export async function decideForEntry(
  withConnection: WithConnection,
  settings: LdapSettings,
  dn: string,
  mailboxes: readonly FilteredMailbox[],
): Promise<MailboxDecision[]> {
  const decisions: MailboxDecision[] = [];
  for (const mailbox of mailboxes) {
    try {
      const member = await withConnection((conn) => entryMatches(conn, settings, dn, mailbox.ldapFilter));
      decisions.push({ mailbox, ok: true, member });
    } catch (error) {
      decisions.push({ mailbox, ok: false, ...filterFailure(mailbox.ldapFilter, error) });
    }
  }
  return decisions;
}

/** Whether the entry at dn belongs to a mailbox with this filter: a base search per scope holding it. */
export async function entryMatches(
  conn: LdapConnection,
  settings: LdapSettings,
  dn: string,
  mailboxFilter: string,
): Promise<boolean> {
  const { timeLimitSeconds } = filterLimits(settings);
  for (const search of membershipSearches(settings, mailboxFilter)) {
    if (!isDnUnder(dn, search.dn)) continue;
    try {
      const hits = await conn.search(dn, {
        scope: 'base',
        filter: search.filter,
        attributes: ['1.1'],
        timeLimitSeconds,
      });
      if (hits.length > 0) return true;
    } catch (error) {
      // the entry is gone: the sync's search would not find it either
      if (toLdapError(error).code !== 'NO_SUCH_OBJECT') throw error;
    }
  }
  return false;
}

/** The sync's question: the DNs a mailbox filter matches, a page at a time, each scope searched. */
export async function* memberDnPages(
  conn: LdapConnection,
  settings: LdapSettings,
  mailboxFilter: string,
): AsyncGenerator<string[], void, undefined> {
  const { timeLimitSeconds } = filterLimits(settings);
  for (const search of membershipSearches(settings, mailboxFilter)) {
    const pages = conn.pagedSearch(search.dn, {
      filter: search.filter,
      attributes: ['1.1'],
      pageSize: settings.pageSize,
      timeLimitSeconds,
    });
    try {
      for await (const page of pages) yield page.map((entry) => entry.dn);
    } catch (error) {
      // a scope whose base is missing holds nobody, as at sign-in, where no entry is under it
      if (toLdapError(error).code !== 'NO_SUCH_OBJECT') throw error;
    }
  }
}

/** Why a filter failed, in words for the log, and which kind of failure it was. */
export function filterFailure(mailboxFilter: string, error: unknown): { cause: FailureCause; reason: string } {
  const e = toLdapError(error);
  const cause: FailureCause =
    e.code === 'TIMEOUT' ? 'timeout' : e.resultCode !== undefined || e.code === 'FILTER' ? 'rejected' : 'dropped';
  const what = {
    rejected: 'the directory refused the filter',
    timeout: 'no answer within the time limit',
    dropped: 'the connection was lost',
  }[cause];
  const cheaper = cause === 'timeout' ? cheaperForm(mailboxFilter) : undefined;
  const hint = cheaper
    ? `; the in-chain rule 1.2.840.113556.1.4.1941 follows nested groups and is slow on large ones: if direct members are enough, ${cheaper} is much cheaper`
    : '';
  return { cause, reason: `${what} (${describe(e)})${hint}` };
}

/** AD's LDAP_MATCHING_RULE_IN_CHAIN replaced by a plain equality (memberOf=<group>: direct members only), when the filter uses it. */
export function cheaperForm(mailboxFilter: string): string | undefined {
  const plain = mailboxFilter.replace(IN_CHAIN, '($1=$2)');
  return plain === mailboxFilter ? undefined : plain;
}

function describe(e: LdapError): string {
  return `${e.code}${e.resultCode !== undefined ? ` ${e.resultCode}` : ''}${e.detail ? `: ${e.detail}` : ''}`;
}

/**
 * One connection at a time for a series of mailbox filters, replaced by a fresh one once a
 * filter's timeout or a dropped connection has ended it, so the next filter is not failed by it.
 */
export class HealthyConnection {
  constructor(
    private current: LdapConnection,
    private readonly open: () => Promise<LdapConnection>,
  ) {}

  /** The connection, or a new one when the last one is no longer usable or its server was marked down. */
  async get(): Promise<LdapConnection> {
    if (!this.current.isUsable || this.current.onStaleServer) {
      await this.current.close();
      this.current = await this.open();
    }
    return this.current;
  }

  /** Closes the connection in use (the first one, or the last replacement). */
  close(): Promise<void> {
    return this.current.close();
  }
}
