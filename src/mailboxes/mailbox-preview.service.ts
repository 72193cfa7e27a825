import { Injectable } from '@nestjs/common';

import { storedFilter } from '../common/validators.js';
import { attr, type DirectoryEntry } from '../ldap/client/directory-entry.js';
import { LdapConnection } from '../ldap/client/ldap-connection.js';
import { toLdapError } from '../ldap/ldap.error.js';
import { ConflictError } from '../common/domain-error.js';
import { LdapSettingsService } from '../ldap/settings/ldap-settings.service.js';
import type { LdapSettings } from '../ldap/settings/ldap-settings.types.js';
import type { MailboxPreviewView, PreviewUserView } from './dto/mailbox.dto.js';
import { filterLimits, membershipSearches } from './mailbox-membership.js';

/** Users counted before the count stops being exact. */
export const PREVIEW_SIZE_LIMIT = 1000;
/** Users listed in the answer. */
export const PREVIEW_LIST_SIZE = 20;
const PREVIEW_TIME_LIMIT_MS = 10_000;

type Stop = 'size' | 'time' | null;

/**
 * "How many users does this filter find?" while an admin edits a mailbox: the searches of the
 * shared membership rule (the sync's and sign-in's, with the same per-filter server time limit),
 * on a connection of its own, stopped at a size and a time limit.
 */
@Injectable()
export class MailboxPreviewService {
  constructor(private readonly settings: LdapSettingsService) {}

  /** Counts and lists the users the filter (DN escapes as AD prints them accepted, see storedFilter) matches. */
  async preview(filter: string): Promise<MailboxPreviewView> {
    const { filter: ldapFilter, notes } = storedFilter('ldapFilter', filter);
    const settings = await this.settings.get();
    if (!settings.enabled || settings.host.trim() === '' || settings.searchScopes.length === 0) {
      throw new ConflictError(
        'LDAP_NOT_CONFIGURED',
        'LDAP is not enabled or has no search scope: a filter can only be previewed against a configured directory',
      );
    }
    const started = performance.now();
    const limitMs = Math.min(settings.timeoutMs, PREVIEW_TIME_LIMIT_MS);
    const { users, stop } = await this.search(settings, ldapFilter, started + limitMs);
    users.sort(byEmailThenDn);
    return {
      count: Math.min(users.length, PREVIEW_SIZE_LIMIT),
      countExact: stop === null,
      users: users.slice(0, PREVIEW_LIST_SIZE),
      limitExceeded:
        stop === 'size'
          ? `more than ${PREVIEW_SIZE_LIMIT.toLocaleString('en')} users match`
          : stop === 'time'
            ? `the search took longer than ${limitMs / 1000} s: counted ${users.length} users so far`
            : null,
      elapsedMs: Math.round(performance.now() - started),
      notes,
    };
  }

  private async search(
    settings: LdapSettings,
    ldapFilter: string,
    deadline: number,
  ): Promise<{ users: PreviewUserView[]; stop: Stop }> {
    const connection = await this.settings.connection();
    let conn: LdapConnection | undefined;
    let searching = false;
    const found = new Map<string, PreviewUserView>();
    try {
      conn = await LdapConnection.openBound(connection);
      searching = true;
      const stop = await collect(conn, settings, ldapFilter, deadline, found);
      return { users: [...found.values()], stop };
    } catch (error) {
      const e = toLdapError(error);
      // a single page outlasting the connection's timeout is the time limit too, once searching began
      if (e.code === 'TIMEOUT' && searching) return { users: [...found.values()], stop: 'time' };
      throw e; // answered 502 with its hint (AllExceptionsFilter)
    } finally {
      await conn?.close();
    }
  }
}

async function collect(
  conn: LdapConnection,
  settings: LdapSettings,
  ldapFilter: string,
  deadline: number,
  found: Map<string, PreviewUserView>,
): Promise<Stop> {
  const attributes = [
    settings.attributeMap.email,
    settings.attributeMap.firstName,
    settings.attributeMap.lastName,
  ].filter((a): a is string => !!a);
  const { timeLimitSeconds } = filterLimits(settings);
  for (const search of membershipSearches(settings, ldapFilter)) {
    const pageSize = Math.min(settings.pageSize, PREVIEW_SIZE_LIMIT + 1);
    const pages = conn
      .pagedSearch(search.dn, { filter: search.filter, attributes, pageSize, timeLimitSeconds })
      [Symbol.asyncIterator]();
    for (;;) {
      const next = await beforeDeadline(pages.next(), deadline);
      if (next === 'late') return 'time';
      if (next.done) break;
      // overlapping scopes list an entry twice: counted once
      for (const entry of next.value) found.set(entry.dn.toLowerCase(), previewUser(entry, settings));
      if (found.size > PREVIEW_SIZE_LIMIT) {
        await pages.return(undefined);
        return 'size';
      }
    }
  }
  return null;
}

/** The promise's value, or 'late' when the deadline comes first (the connection is closed after, which ends the search). */
async function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | 'late'> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>(
    (resolve) => (timer = setTimeout(() => resolve('late'), Math.max(0, deadline - performance.now()))),
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function previewUser(entry: DirectoryEntry, settings: LdapSettings): PreviewUserView {
  const { email, firstName, lastName } = settings.attributeMap;
  const name = [firstName && attr(entry, firstName), lastName && attr(entry, lastName)].filter(Boolean).join(' ');
  return { dn: entry.dn, email: attr(entry, email)?.toLowerCase() ?? null, name: name || null };
}

function byEmailThenDn(a: PreviewUserView, b: PreviewUserView): number {
  if (a.email !== b.email) return a.email === null ? 1 : b.email === null ? -1 : a.email < b.email ? -1 : 1;
  return a.dn.toLowerCase() < b.dn.toLowerCase() ? -1 : a.dn.toLowerCase() > b.dn.toLowerCase() ? 1 : 0;
}
