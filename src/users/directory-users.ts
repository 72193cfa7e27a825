import type { UserEntity } from './entities/user.entity.js';

/** The directory's account turned off by its administrator (see the flavours' account-state rules in ldap/flavours/). */
export type DirectoryAccountState = 'disabled' | 'locked' | 'expired';

/** What the directory says about a user (see ldap/directory/entry-reader.ts). */
export interface DirectoryProfileInput {
  /** The email a new user gets: the lowest of `emails`. */
  email: string;
  /** Every email value of the entry, lower-cased, deduplicated, in lowercase (code unit) order. */
  emails: string[];
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  phone: string | null;
  ldapUid: string | null;
  ldapDn: string;
  /** Null when the directory lets the account sign in. */
  directoryState: DirectoryAccountState | null;
}

export interface UserLookup {
  byUid(uid: string): UserEntity | undefined;
  byDn(dn: string): UserEntity | undefined;
  byEmail(email: string): UserEntity | undefined;
}

/**
 * Which local user a directory entry is: stable id first (survives renames and moves), then
 * DN, then email (which links a local account created before the directory was connected).
 * A user already tied to another stable id is never taken over by DN or email.
 */
export function matchUser(profile: DirectoryProfileInput, lookup: UserLookup): UserEntity | undefined {
  if (profile.ldapUid) {
    const byUid = lookup.byUid(profile.ldapUid);
    if (byUid) return byUid;
  }
  const byDn = lookup.byDn(profile.ldapDn);
  if (byDn && (!byDn.ldapUid || byDn.ldapUid === profile.ldapUid)) return byDn;
  for (const email of profile.emails) {
    const byEmail = lookup.byEmail(email);
    if (byEmail && (!byEmail.ldapUid || byEmail.ldapUid === profile.ldapUid) && !needsExplicitLink(byEmail))
      return byEmail;
  }
  return undefined;
}

/**
 * Linking a local account to a directory entry by email is a trust decision: an entry with that
 * address would otherwise take over the account (an admin's included). A local account with role
 * admin or a local password of its own is linked only by an admin (POST /api/admin/users/:id/link);
 * accounts the import or SSO created (no password of their own) are linked by email as before.
 */
export function needsExplicitLink(user: Pick<UserEntity, 'ldapUid' | 'ldapDn' | 'role' | 'passwordHash'>): boolean {
  return !user.ldapUid && !user.ldapDn && (user.role === 'admin' || user.passwordHash !== null);
}

/**
 * The email this entry gives its user: the current one while the entry still has it among its
 * values (whatever their order), else the lowest value in lowercase order. Never the server's
 * "first" value: LDAP value order carries no meaning (RFC 4511 §4.1.7).
 */
export function emailFor(
  user: Pick<UserEntity, 'email'> | undefined,
  profile: Pick<DirectoryProfileInput, 'email' | 'emails'>,
): string {
  return user && profile.emails.includes(user.email.toLowerCase()) ? user.email : profile.email;
}

/**
 * The one duplicate-email rule (sign-in, SSO and import): the account already holding an email
 * keeps it; the other entry is refused with this reason.
 */
export function duplicateEmail(
  dn: string,
  email: string,
  holder: Pick<UserEntity, 'email' | 'ldapDn'> | UserEntity,
): string {
  const keptBy = holder.ldapDn ?? `the local account ${holder.email}`;
  const reason = `duplicate email: ${dn} has email ${email}, already used by ${keptBy}, which keeps it`;
  if (!('id' in holder) || !needsExplicitLink(holder)) return reason;
  const why = holder.role === 'admin' ? 'role admin' : 'a local password of its own';
  return `${reason} (a local account with ${why} is not linked by email: an admin links it with POST /api/admin/users/${holder.id}/link)`;
}

const FIELDS = ['email', 'firstName', 'lastName', 'jobTitle', 'phone', 'ldapUid', 'ldapDn'] as const;

/**
 * The status a directory entry gives its user. The directory's account state is mirrored: an
 * active user whose account the directory turned off is disabled (`directory`); a user disabled
 * by the directory or by an import (entry gone) is enabled again once the entry is back and on.
 * An admin's decision stands either way.
 */
export function statusChanges(
  user: Pick<UserEntity, 'status' | 'disabledBy'>,
  directoryState: DirectoryAccountState | null,
): Partial<Pick<UserEntity, 'status' | 'disabledBy'>> {
  if (user.status === 'active') return directoryState ? { status: 'disabled', disabledBy: 'directory' } : {};
  if (user.disabledBy !== 'directory' && user.disabledBy !== 'sync') return {};
  if (directoryState) return user.disabledBy === 'directory' ? {} : { disabledBy: 'directory' };
  return { status: 'active', disabledBy: null };
}

/** The status of a user created from this entry. */
export function initialStatus(directoryState: DirectoryAccountState | null): Pick<UserEntity, 'status' | 'disabledBy'> {
  return directoryState ? { status: 'disabled', disabledBy: 'directory' } : { status: 'active', disabledBy: null };
}

/** The fields that differ (profile and status): compare before write, so an unchanged entry writes nothing. */
export function profileChanges(user: UserEntity, profile: DirectoryProfileInput): Partial<UserEntity> {
  const changes: Partial<UserEntity> = { ...statusChanges(user, profile.directoryState) };
  for (const field of FIELDS) {
    const value = field === 'email' ? emailFor(user, profile) : profile[field];
    if (field === 'ldapUid' && value === null) continue;
    if ((user[field] ?? null) !== value) (changes as Record<string, unknown>)[field] = value;
  }
  if (user.authSource === 'local') changes.authSource = 'ldap';
  return changes;
}

/** A lookup over a list of users already loaded (keys compared case-insensitively where the directory is). */
export function indexUsers(users: UserEntity[]): UserLookup {
  const uid = new Map<string, UserEntity>();
  const dn = new Map<string, UserEntity>();
  const email = new Map<string, UserEntity>();
  for (const u of users) {
    if (u.ldapUid) uid.set(u.ldapUid, u);
    if (u.ldapDn) dn.set(u.ldapDn.toLowerCase(), u);
    email.set(u.email.toLowerCase(), u);
  }
  return {
    byUid: (k) => uid.get(k),
    byDn: (k) => dn.get(k.toLowerCase()),
    byEmail: (k) => email.get(k.toLowerCase()),
  };
}
