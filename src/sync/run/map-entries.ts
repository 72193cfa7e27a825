import type { Candidate, UnreadableReason } from '../../ldap/directory/entry-reader.js';
import { dnKey } from '../../users/account-writer.js';

export { dnKey };

/** Why the import leaves an entry out: the reader's reasons, and the account writer's duplicate rules. */
export type SkipReason = UnreadableReason | 'duplicate email' | 'duplicate stable id';

/** Deterministic order within a batch: duplicates are decided by DN order. Each key is computed once, not at every comparison. */
export function inDnOrder(candidates: readonly Candidate[]): Candidate[] {
  const keyed = candidates.map((candidate) => ({ key: dnKey(candidate.dn), candidate }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ candidate }) => candidate);
}
