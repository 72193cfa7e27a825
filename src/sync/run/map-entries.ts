import type { DirectoryEntry } from '../../ldap/client/directory-entry.js';
import { attrs } from '../../ldap/client/directory-entry.js';
import { type DirectoryProfile, mapEntry } from '../../ldap/directory/entry-mapping.js';
import { stableIdOf } from '../../ldap/directory/stable-id.js';
import type { LdapSettings } from '../../ldap/settings/ldap-settings.types.js';

export type SkipReason = 'no email attribute' | 'invalid email' | 'missing stable id' | 'duplicate email';

/** One directory entry after mapping: a user profile, the reason it is left out, or not a person at all. */
export type Candidate =
  | { kind: 'user'; dn: string; profile: DirectoryProfile }
  | { kind: 'skip'; dn: string; uid: string | null; reason: SkipReason; detail: string }
  | { kind: 'other'; dn: string };

const PERSON_CLASSES = new Set(['person', 'organizationalperson', 'inetorgperson', 'user']);

/** person/inetOrgPerson, or AD's user class; an AD computer is a user subclass and is not a person. */
export function isPersonEntry(entry: DirectoryEntry): boolean {
  const classes = attrs(entry, 'objectClass').map((c) => c.toLowerCase());
  return classes.some((c) => PERSON_CLASSES.has(c)) && !classes.includes('computer');
}

/** Map and validate one entry (the mapping sign-in uses, with the stable id required). */
export function toCandidate(entry: DirectoryEntry, settings: Pick<LdapSettings, 'attributeMap' | 'uidAttribute'>): Candidate {
  if (!isPersonEntry(entry)) return { kind: 'other', dn: entry.dn };
  const mapped = mapEntry(entry, settings, { requireStableId: true });
  if (mapped.ok) return { kind: 'user', dn: entry.dn, profile: mapped.profile };
  return { kind: 'skip', dn: entry.dn, uid: stableIdOf(entry, settings.uidAttribute), reason: mapped.reason, detail: mapped.detail };
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
