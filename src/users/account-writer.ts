import {
  type DirectoryAccountState,
  type DirectoryProfileInput,
  duplicateEmail,
  emailFor,
  matchUser,
  profileChanges,
  type UserLookup,
} from './directory-users.js';
import type { UserEntity } from './entities/user.entity.js';

/*
 * The account writer's decision: what a directory candidate does to the local users. Sign-in and
 * SSO (one candidate, DirectoryUsersService.upsert) and each import batch (many, planBatch, with
 * multi-row writes) decide here and only here, so the three paths agree on matching (stable id →
 * DN → any email value), re-created entries and the one duplicate-email rule.
 */

/** A candidate account: the entry's DN and what the entry reader made of it. */
export interface AccountCandidate {
  dn: string;
  profile: DirectoryProfileInput;
}

/** What candidates earlier in the same batch or run already took. */
export interface Claims {
  /** email → DN of the entry that took it. */
  emails: Map<string, string>;
  /** Users already decided for. */
  ids: Set<number>;
  /** Stable id → DN of the entry that has it. */
  uids: Map<string, string>;
}

export function newClaims(): Claims {
  return { emails: new Map(), ids: new Set(), uids: new Map() };
}

export interface WriterContext {
  /** The users the candidates could be (see DirectoryUsersRepository.findDirectoryCandidates). */
  lookup: UserLookup;
  /**
   * Users whose entry was deleted and created again: a candidate has their DN and an email of
   * theirs under a new stable id, and their old stable id is no longer a user in the directory.
   */
  recreated: ReadonlySet<number>;
  /** Users already seen earlier in this run (always false outside an import). */
  alreadySeen: (id: number) => boolean;
  claims: Claims;
}

export type RefusalReason = 'duplicate email' | 'duplicate stable id';

export type AccountDecision =
  | { kind: 'create'; dn: string; profile: DirectoryProfileInput }
  | {
      kind: 'update';
      user: UserEntity;
      dn: string;
      changes: Partial<UserEntity>;
      /** Disabled by the directory or by an earlier sync (entry gone), and back on now. */
      enable: boolean;
      /** The directory turned the account off: the user is disabled and their sessions end. */
      disable: boolean;
      directoryState: DirectoryAccountState | null;
    }
  | { kind: 'unchanged'; user: UserEntity }
  /** The same entry again in this run (overlapping scopes): nothing to do, not counted again. */
  | { kind: 'repeat' }
  /** Refused; `seen` is the user the entry still stands for, who must not count as gone. */
  | { kind: 'refuse'; dn: string; reason: RefusalReason; detail: string; seen?: UserEntity };

/**
 * Decides what one candidate does, without writing: create, update (only what differs), leave
 * alone, or refuse. The account already holding an email keeps it; within a batch the first entry
 * (the caller's order: DN order in the import) wins an email; two entries with one stable id in a
 * run: the later one is refused, naming both (issue 12, fault 8). Records its claims in the context.
 */
export function decideAccount(candidate: AccountCandidate, context: WriterContext): AccountDecision {
  const { profile, dn } = candidate;
  const { claims } = context;
  const uid = profile.ldapUid;
  const earlierWithUid = uid === null ? undefined : claims.uids.get(uid);
  if (uid !== null && earlierWithUid !== undefined && dnKey(earlierWithUid) !== dnKey(dn))
    return duplicateStableId(dn, uid, earlierWithUid);
  const existing = matchUser(profile, context.lookup) ?? adoptable(profile, context);
  if (existing && (claims.ids.has(existing.id) || context.alreadySeen(existing.id))) {
    // the same stable id again: the same entry in a second scope, or another entry with that id
    const sameUid = existing.ldapUid === uid;
    if (sameUid && existing.ldapDn && dnKey(existing.ldapDn) !== dnKey(dn))
      return duplicateStableId(dn, uid!, existing.ldapDn);
    if (sameUid) return { kind: 'repeat' };
    return duplicate(dn, profile.email, existing);
  }
  if (uid !== null) claims.uids.set(uid, dn);
  const email = emailFor(existing, profile);
  const earlier = claims.emails.get(email);
  const owner = context.lookup.byEmail(email);
  if (earlier !== undefined || (owner && owner.id !== existing?.id))
    return { ...duplicate(dn, email, earlier !== undefined ? { ldapDn: earlier, email } : owner!), seen: existing };
  claims.emails.set(email, dn);
  if (!existing) return { kind: 'create', dn, profile };
  claims.ids.add(existing.id);
  const changes = profileChanges(existing, profile);
  if (Object.keys(changes).length === 0) return { kind: 'unchanged', user: existing };
  return {
    kind: 'update',
    user: existing,
    dn,
    changes,
    enable: changes.status === 'active',
    disable: changes.status === 'disabled',
    directoryState: profile.directoryState,
  };
}

/** Whether an entry with this stable id is still a user in the directory (in a lookup scope, matched by its filter). */
export type StableIdProbe = (stableId: string) => Promise<boolean>;

/**
 * Users whose entry was deleted and created again (issue 12, fault 8): an entry has their DN and
 * one of their emails under a stable id nobody has, and their own stable id is no longer a user
 * in the directory. The directory is asked only for such entries, which are rare.
 */
export async function recreatedUsers(
  candidates: readonly AccountCandidate[],
  lookup: UserLookup,
  stillAUser: StableIdProbe,
): Promise<Set<number>> {
  const recreated = new Set<number>();
  for (const { dn, profile } of candidates) {
    if (!profile.ldapUid || lookup.byUid(profile.ldapUid)) continue;
    const user = lookup.byDn(dn);
    if (!user?.ldapUid || user.ldapUid === profile.ldapUid || recreated.has(user.id)) continue;
    if (!profile.emails.some((email) => lookup.byEmail(email) === user)) continue;
    // an id read from another attribute (uidAttribute changed) can never match again, and asking
    // the directory for it under the new attribute tells nothing: same DN and email, same user
    if (idAttribute(user.ldapUid) !== idAttribute(profile.ldapUid) || !(await stillAUser(user.ldapUid)))
      recreated.add(user.id);
  }
  return recreated;
}

/** The attribute a stable id was read from: ids read `<attribute>:<value>` (rules.ts, stableIdOf). */
function idAttribute(stableId: string): string {
  return stableId.slice(0, Math.max(0, stableId.indexOf(':')));
}

/**
 * Why a user's stable id changed, for the log: its entry was created again, or the stable-id
 * attribute (uidAttribute) changed and the id is now read from another one.
 */
export function describeStableIdChange(dn: string, previous: string, next: string): string {
  return idAttribute(previous) === idAttribute(next)
    ? `${dn} was created again in the directory, stable id ${previous} → ${next}`
    : `the stable id of ${dn} is now read from ${idAttribute(next)} (uidAttribute changed; the user was tied again by DN and email), ${previous} → ${next}`;
}

/**
 * An entry deleted and created again gets a new stable id, which matchUser rightly refuses to
 * tie to the old user. When that user's old id is gone from the directory (or an import disabled
 * the user because its entry had gone) and the new entry has both its DN and its email, it is the
 * same person coming back.
 */
function adoptable(profile: DirectoryProfileInput, context: WriterContext): UserEntity | undefined {
  const user = context.lookup.byDn(profile.ldapDn);
  const sameEmail = user !== undefined && profile.emails.some((email) => context.lookup.byEmail(email) === user);
  if (!sameEmail) return undefined;
  return context.recreated.has(user.id) || (user.status === 'disabled' && user.disabledBy === 'sync')
    ? user
    : undefined;
}

function duplicateStableId(dn: string, uid: string, firstDn: string): AccountDecision {
  return {
    kind: 'refuse',
    dn,
    reason: 'duplicate stable id',
    detail: `duplicate stable id: ${dn} has ${uid}, as ${firstDn} does; ${firstDn} keeps the user and ${dn} is refused (the stable-id attribute must be unique)`,
  };
}

function duplicate(
  dn: string,
  email: string,
  holder: Pick<UserEntity, 'email' | 'ldapDn'> | UserEntity,
): Extract<AccountDecision, { kind: 'refuse' }> {
  return { kind: 'refuse', dn, reason: 'duplicate email', detail: duplicateEmail(dn, email, holder) };
}

/** Lower-cased DN: the identity of an entry within a run (servers compare DNs case-insensitively). */
export function dnKey(dn: string): string {
  return dn.toLowerCase();
}
