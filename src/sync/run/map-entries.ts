import type { DirectoryEntry } from '../../ldap/client/directory-entry.js';
import { type Cut, type DirectoryProfile, mapEntry } from '../../ldap/directory/entry-mapping.js';
import { stableIdOf } from '../../ldap/directory/stable-id.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';

export type SkipReason =
  'no email attribute' | 'invalid email' | 'missing stable id' | 'duplicate email' | 'duplicate stable id';

/** One directory entry after mapping: a user profile, or the reason it is left out. */
export type Candidate =
  | { kind: 'user'; dn: string; profile: DirectoryProfile; cuts: Cut[] }
  | { kind: 'skip'; dn: string; uid: string | null; reason: SkipReason; detail: string };

/**
 * Map and validate one entry (the mapping sign-in uses, with the stable id required). Every entry
 * the scope search returned is a user: the scope's filter, evaluated by the server (which knows
 * the class hierarchy), decides who is one, for sign-in, SSO and import alike (issue 12).
 */
export function toCandidate(
  entry: DirectoryEntry,
  settings: Pick<LdapSettings, 'attributeMap' | 'uidAttribute'>,
): Candidate {
  const mapped = mapEntry(entry, settings, { requireStableId: true });
  if (mapped.ok) return { kind: 'user', dn: entry.dn, profile: mapped.profile, cuts: mapped.cuts };
  return {
    kind: 'skip',
    dn: entry.dn,
    uid: stableIdOf(entry, settings.uidAttribute),
    reason: mapped.reason,
    detail: mapped.detail,
  };
}

/** Lower-cased DN: the order and identity within a batch (servers compare DNs case-insensitively). */
export function dnKey(dn: string): string {
  return dn.toLowerCase();
}

/** Deterministic order within a batch: duplicates are decided by DN order. Each key is computed once, not at every comparison. */
export function inDnOrder(candidates: readonly Candidate[]): Candidate[] {
  const keyed = candidates.map((candidate) => ({ key: dnKey(candidate.dn), candidate }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ candidate }) => candidate);
}
