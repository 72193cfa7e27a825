import type { Candidate, DirectoryProfile } from '../../ldap/directory/entry-reader.js';
import {
  type DirectoryAccountState,
  duplicateEmail,
  emailFor,
  matchUser,
  profileChanges,
  type UserLookup,
} from '../../users/directory-users.js';
import type { UserEntity } from '../../users/entities/user.entity.js';
import { dnKey, inDnOrder, type SkipReason } from './map-entries.js';

export interface PlannedUpdate {
  user: UserEntity;
  dn: string;
  changes: Partial<UserEntity>;
  /** Disabled by the directory or by an earlier sync (entry gone), and back on now. */
  enable: boolean;
  /** The directory turned the account off: the user is disabled and their sessions end. */
  disable: boolean;
  /** The directory's account state, for the log line. */
  directoryState: DirectoryAccountState | null;
}

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

export interface PlanContext {
  lookup: UserLookup;
  /**
   * Users whose entry was deleted and created again: a candidate has their DN and an email of
   * theirs under a new stable id, and their old stable id is no longer a user in the directory.
   */
  recreated: ReadonlySet<number>;
  /** Users already seen earlier in this run. */
  alreadySeen: (id: number) => boolean;
  /** Entries already skipped earlier in this run (by DN key). */
  alreadySkipped: (dn: string) => boolean;
}

/**
 * Decides, without writing, what one batch does: create, update (only what differs), re-enable,
 * leave alone or skip. Within the batch the first entry by DN order wins an email; an email that
 * another user already holds stays with that user.
 */
export function planBatch(candidates: Candidate[], context: PlanContext): BatchPlan {
  const plan: BatchPlan = { creates: [], updates: [], unchanged: 0, repeats: 0, skips: [], seenIds: [] };
  const claimedEmails = new Map<string, string>();
  const claimedIds = new Set<number>();
  const claimedUids = new Map<string, string>();
  for (const candidate of inDnOrder(candidates)) {
    if (context.alreadySkipped(dnKey(candidate.dn))) plan.repeats += 1;
    else if (candidate.kind === 'skip') planSkip(candidate, context, plan, claimedIds);
    else planUser(candidate, context, plan, { claimedEmails, claimedIds, claimedUids });
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

function planUser(
  candidate: Extract<Candidate, { kind: 'user' }>,
  context: PlanContext,
  plan: BatchPlan,
  claimed: { claimedEmails: Map<string, string>; claimedIds: Set<number>; claimedUids: Map<string, string> },
): void {
  const { profile, dn } = candidate;
  const uid = profile.ldapUid;
  const earlierWithUid = uid === null ? undefined : claimed.claimedUids.get(uid);
  if (uid !== null && earlierWithUid !== undefined && dnKey(earlierWithUid) !== dnKey(dn)) {
    plan.skips.push(duplicateStableId(dn, uid, earlierWithUid));
    return;
  }
  const existing = matchUser(profile, context.lookup) ?? adoptable(profile, context);
  if (existing && (claimed.claimedIds.has(existing.id) || context.alreadySeen(existing.id))) {
    // the same stable id again: the same entry in a second scope, or another entry with that id
    const sameUid = existing.ldapUid === uid;
    if (sameUid && existing.ldapDn && dnKey(existing.ldapDn) !== dnKey(dn))
      plan.skips.push(duplicateStableId(dn, uid!, existing.ldapDn));
    else if (sameUid) plan.repeats += 1;
    else plan.skips.push(duplicate(dn, profile.email, existing));
    return;
  }
  if (uid !== null) claimed.claimedUids.set(uid, dn);
  const email = emailFor(existing, profile);
  const earlier = claimed.claimedEmails.get(email);
  const owner = context.lookup.byEmail(email);
  if (earlier !== undefined || (owner && owner.id !== existing?.id)) {
    plan.skips.push(duplicate(dn, email, earlier !== undefined ? { ldapDn: earlier, email } : owner!));
    if (existing) plan.seenIds.push(existing.id);
    return;
  }
  claimed.claimedEmails.set(email, dn);
  if (!existing) {
    plan.creates.push({ dn, profile });
    return;
  }
  claimed.claimedIds.add(existing.id);
  plan.seenIds.push(existing.id);
  const changes = profileChanges(existing, profile);
  if (Object.keys(changes).length === 0) plan.unchanged += 1;
  else
    plan.updates.push({
      user: existing,
      dn,
      changes,
      enable: changes.status === 'active',
      disable: changes.status === 'disabled',
      directoryState: profile.directoryState,
    });
}

/**
 * An entry deleted and created again gets a new stable id, which matchUser rightly refuses to
 * tie to the old user. When that user was disabled by a sync because its entry had gone and the
 * new entry has both its DN and its email, it is the same person coming back.
 */
function adoptable(profile: DirectoryProfile, context: PlanContext): UserEntity | undefined {
  const user = context.lookup.byDn(profile.ldapDn);
  const sameEmail = user !== undefined && profile.emails.some((email) => context.lookup.byEmail(email) === user);
  if (!sameEmail) return undefined;
  return context.recreated.has(user.id) || (user.status === 'disabled' && user.disabledBy === 'sync')
    ? user
    : undefined;
}

/** Two entries with one stable id in one run: the later one is refused, naming both (issue 12, fault 8). */
function duplicateStableId(dn: string, uid: string, firstDn: string): PlannedSkip {
  return {
    dn,
    reason: 'duplicate stable id',
    detail: `duplicate stable id: ${dn} has ${uid}, as ${firstDn} does; ${firstDn} keeps the user and ${dn} is refused (the stable-id attribute must be unique)`,
  };
}

function duplicate(dn: string, email: string, holder: Pick<UserEntity, 'email' | 'ldapDn'>): PlannedSkip {
  return { dn, reason: 'duplicate email', detail: duplicateEmail(dn, email, holder) };
}
