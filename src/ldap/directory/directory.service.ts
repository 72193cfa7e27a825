import { Injectable } from '@nestjs/common';

import type { DirectoryEntry } from '../client/directory-entry.js';
import type { LdapConnection } from '../client/ldap-connection.js';
import { isDnUnder } from '../syntax/dn.js';
import { andFilters, orEquals } from '../syntax/filter.js';
import { LdapError } from '../ldap.error.js';
import type { LdapSettings, SearchScope } from '../settings/ldap-settings.types.js';
import { stableIdFilter } from '../flavours/rules.js';
import { EntryReader } from './entry-reader.js';
import { LdapClientService } from './ldap-client.service.js';

export type LookupResult =
  | { kind: 'found'; entry: DirectoryEntry; scope: SearchScope }
  /** `missingScopes`: the scope DNs the server said do not exist (noSuchObject), searched for nobody. */
  | { kind: 'not-found'; missingScopes?: string[]; scopeCount?: number }
  | { kind: 'ambiguous'; dns: string[]; scope: SearchScope };

/**
 * Finding users in the directory: the one lookup chain used by sign-in, SSO and import
 * (Bind DN scope when allowed, then each "DNs and Filters" scope in order).
 */
@Injectable()
export class DirectoryService {
  constructor(private readonly client: LdapClientService) {}

  /**
   * Exactly one entry whose login attribute equals the login; the first scope with a match decides.
   * A scope whose base DN the server does not have is skipped and named in the not-found answer
   * (with how many scopes there were), so the caller can tell a configuration fault from an
   * unknown login.
   */
  async findByLogin(login: string, settings: LdapSettings): Promise<LookupResult> {
    const loginFilter = orEquals(settings.loginAttributes, login);
    return this.client.withService(async (conn) => {
      const scopes = lookupScopes(settings);
      const missingScopes: string[] = [];
      for (const scope of scopes) {
        const entries = await searchScope(conn, scope, loginFilter, [...EntryReader.for(settings).attributes]);
        if (entries === 'missing') missingScopes.push(scope.dn);
        else if (entries.length === 1) return { kind: 'found', entry: entries[0], scope };
        else if (entries.length > 1) return { kind: 'ambiguous', dns: entries.map((e) => e.dn), scope };
      }
      return { kind: 'not-found', missingScopes, scopeCount: scopes.length };
    });
  }

  /** The entry at this DN, when it is a user: under a lookup scope and matched by that scope's filter (the server decides). */
  async findByDn(dn: string, settings: LdapSettings): Promise<LookupResult> {
    return this.client.withService(async (conn) => {
      for (const scope of lookupScopes(settings).filter((s) => isDnUnder(dn, s.dn))) {
        const entries = await conn
          .search(dn, { scope: 'base', filter: scope.filter, attributes: [...EntryReader.for(settings).attributes] })
          .catch((error: unknown) => {
            if (error instanceof LdapError && error.code === 'NO_SUCH_OBJECT') return [];
            throw error;
          });
        if (entries.length === 1) return { kind: 'found', entry: entries[0], scope };
      }
      return { kind: 'not-found' };
    });
  }
}

/**
 * Whether an entry with this stable id is still a user (in a lookup scope, matched by its filter),
 * on an open connection. Unknown (an id we cannot search for) counts as present, so that nobody is
 * taken for a re-created entry on a guess.
 */
export async function stableIdIsAUser(
  conn: LdapConnection,
  settings: LdapSettings,
  stableId: string,
): Promise<boolean> {
  const idFilter = stableIdFilter(stableId);
  if (!idFilter) return true;
  for (const scope of lookupScopes(settings)) {
    const found = await conn
      .search(scope.dn, { filter: andFilters(scope.filter, idFilter), attributes: ['1.1'], sizeLimit: 1 })
      .catch((error: unknown) => {
        if (error instanceof LdapError && error.code === 'NO_SUCH_OBJECT') return [];
        if (error instanceof LdapError && error.code === 'SIZE_LIMIT') return [{}];
        throw error;
      });
    if (found.length > 0) return true;
  }
  return false;
}

/** The scopes users are looked up in, in order: the Bind DN scope first when allowed. */
export function lookupScopes(settings: LdapSettings): SearchScope[] {
  const scopes = [...settings.searchScopes];
  if (settings.allowBindDnScopeLogin && settings.bindDn)
    scopes.unshift({ dn: settings.bindDn, filter: userFilter(settings) });
  return scopes;
}

/** All scope filters as one: who counts as a user anywhere. */
export function userFilter(settings: LdapSettings): string {
  const filters = [...new Set(settings.searchScopes.map((s) => s.filter))];
  return filters.length === 1 ? filters[0] : `(|${filters.join('')})`;
}

async function searchScope(
  conn: LdapConnection,
  scope: SearchScope,
  loginFilter: string,
  attributes: string[],
): Promise<DirectoryEntry[] | 'missing'> {
  try {
    // A size limit of 2 is enough to tell "one" from "ambiguous".
    return await conn.search(scope.dn, { filter: andFilters(scope.filter, loginFilter), attributes, sizeLimit: 2 });
  } catch (error) {
    if (error instanceof LdapError && error.code === 'SIZE_LIMIT')
      return [
        { dn: '(more than one)', attributes: {}, binary: {} },
        { dn: '(more than one)', attributes: {}, binary: {} },
      ];
    // noSuchObject on a search: its base DN does not exist (RFC 4511 §4.1.9, §4.5.1)
    if (error instanceof LdapError && error.code === 'NO_SUCH_OBJECT') return 'missing';
    throw error;
  }
}
