import type { LdapConnection } from '../../ldap/client/ldap-connection.js';
import { type HighWaterMark, deltaClause, namingContextsOf } from './high-water-mark.js';

/** Object classes of group entries: RFC 4519 groupOfNames/groupOfUniqueNames, RFC 2307 posixGroup, AD group, 389/OpenLDAP dynamic groups. */
const GROUP_CLASSES = ['groupOfNames', 'groupOfUniqueNames', 'posixGroup', 'group', 'groupOfURLs', 'groupOfMembers'];

/**
 * Whether a mailbox filter asks about group membership (memberOf, 389's isMemberOf, AD's in-chain
 * rule memberOf:1.2.840.113556.1.4.1941:=). Such a filter can change its answer for an entry
 * whose own stamps did not move: OpenLDAP's memberof overlay, for one, rewrites the member's
 * memberOf without touching its modifyTimestamp.
 */
export function dependsOnGroups(filter: string): boolean {
  return /(^|[(!&|])\s*(is)?memberOf\s*[:~<>=]/i.test(filter);
}

/**
 * Whether any group entry under the naming contexts that hold the scopes changed since the mark
 * (its own modifyTimestamp, or uSNChanged on AD, at or after it), with the reason in words: one
 * search of at most one entry per naming context. Whatever keeps us from knowing (no naming
 * contexts, a refused search) answers changed, so the caller reconciles in full rather than miss
 * a change.
 */
export async function groupsChangedSince(
  conn: LdapConnection,
  scopeDns: readonly string[],
  since: HighWaterMark,
): Promise<{ changed: boolean; reason: string }> {
  const mark = `${since.attribute}>=${since.value}`;
  try {
    const bases = namingContextsOf(await conn.rootDse(['namingContexts']), scopeDns);
    if (bases.length === 0)
      return { changed: true, reason: 'the root DSE names no naming context to look for groups in' };
    const filter = `(&(|${GROUP_CLASSES.map((c) => `(objectClass=${c})`).join('')})${deltaClause(since)})`;
    for (const base of bases) {
      const [group] = await conn.search(base, { scope: 'sub', filter, attributes: ['1.1'], sizeLimit: 1 });
      if (group) return { changed: true, reason: `group ${group.dn} changed (${mark})` };
    }
    return { changed: false, reason: `no group under ${bases.join(', ')} changed (${mark})` };
  } catch (error) {
    // sizeLimitExceeded (more than one group changed), a refused search, an unreadable root DSE
    const what = error instanceof Error ? error.message : String(error);
    return { changed: true, reason: `could not tell whether a group changed (${mark}): ${what}` };
  }
}
