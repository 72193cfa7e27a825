import type { Candidate, DirectoryProfile } from '../../ldap/directory/entry-reader.js';
import { type AccountDecision, decideAccount, newClaims, type WriterContext } from '../../users/account-writer.js';
import { dnKey, inDnOrder, type SkipReason } from './map-entries.js';

/** An update the account writer decided on. */
export type PlannedUpdate = Omit<Extract<AccountDecision, { kind: 'update' }>, 'kind'>;

export interface PlannedSkip {
  dn: string;
  reason: SkipReason;
  detail: string;
}

export interface BatchPlan {
  creates: { dn: string; profile: DirectoryProfile }[];
  updates: PlannedUpdate[];
  unchanged: number;
  /** Entries already handled in this run (overlapping scopes): not counted again. */
  repeats: number;
  skips: PlannedSkip[];
  /** Existing users found in the directory by this batch. */
  seenIds: number[];
}

export type PlanContext = Omit<WriterContext, 'claims'> & {
  /** Entries already skipped earlier in this run (by DN key). */
  alreadySkipped: (dn: string) => boolean;
};

/**
 * Decides, without writing, what one batch does: create, update (only what differs), re-enable,
 * leave alone or skip. Within the batch the first entry by DN order wins an email; an email that
 * another user already holds stays with that user.
 */
export function planBatch(candidates: Candidate[], context: PlanContext): BatchPlan {
  const plan: BatchPlan = { creates: [], updates: [], unchanged: 0, repeats: 0, skips: [], seenIds: [] };
  const writer: WriterContext = { ...context, claims: newClaims() };
  for (const candidate of inDnOrder(candidates)) {
    if (context.alreadySkipped(dnKey(candidate.dn))) plan.repeats += 1;
    else if (candidate.kind === 'skip') planSkip(candidate, context, plan, writer.claims.ids);
    else planUser(decideAccount(candidate, writer), plan);
  }
  return plan;
}

function planSkip(
  candidate: Extract<Candidate, { kind: 'skip' }>,
  context: PlanContext,
  plan: BatchPlan,
  claimedIds: Set<number>,
): void {
  // A skipped entry is still in the directory: its user must not count as gone.
  const byUid = candidate.uid ? context.lookup.byUid(candidate.uid) : undefined;
  const byDn = context.lookup.byDn(candidate.dn);
  const user = byUid ?? (byDn && (!byDn.ldapUid || byDn.ldapUid === candidate.uid) ? byDn : undefined);
  if (user && (claimedIds.has(user.id) || context.alreadySeen(user.id))) {
    plan.repeats += 1;
    return;
  }
  if (user) {
    claimedIds.add(user.id);
    plan.seenIds.push(user.id);
  }
  plan.skips.push({ dn: candidate.dn, reason: candidate.reason, detail: candidate.detail });
}

/** Files the account writer's decision for one candidate into the batch plan. */
function planUser(decision: AccountDecision, plan: BatchPlan): void {
  switch (decision.kind) {
    case 'create':
      plan.creates.push({ dn: decision.dn, profile: decision.profile });
      return;
    case 'update': {
      const { kind: _kind, ...update } = decision;
      plan.seenIds.push(update.user.id);
      plan.updates.push(update);
      return;
    }
    case 'unchanged':
      plan.seenIds.push(decision.user.id);
      plan.unchanged += 1;
      return;
    case 'repeat':
      plan.repeats += 1;
      return;
    case 'refuse':
      plan.skips.push({ dn: decision.dn, reason: decision.reason, detail: decision.detail });
      if (decision.seen) plan.seenIds.push(decision.seen.id);
  }
}
