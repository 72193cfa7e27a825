import type { DirectoryEntry } from '../client/directory-entry.js';
import { attr } from '../client/directory-entry.js';

export type AccountBlock = 'disabled' | 'locked' | 'expired';

/** Attributes that say whether a directory account may sign in, on each server we support. */
export const ACCOUNT_STATE_ATTRIBUTES = [
  'userAccountControl',
  'accountExpires',
  'lockoutTime',
  'nsAccountLock',
  'pwdAccountLockedTime',
];

const UF_ACCOUNTDISABLE = 0x2;
// AD's accountExpires: 0 and 2^63-1 both mean "never" (MS-ADA1 2.13).
const AD_NEVER = ['0', '9223372036854775807'];
const FILETIME_EPOCH_OFFSET_MS = 11644473600000n;

/**
 * Why the directory says no to this account, or null. Each rule is one server's own flag:
 * AD userAccountControl bit 2 / accountExpires / lockoutTime, 389-ds and FreeIPA nsAccountLock,
 * OpenLDAP ppolicy pwdAccountLockedTime.
 */
export function accountBlock(entry: DirectoryEntry, now = new Date()): AccountBlock | null {
  const uac = Number(attr(entry, 'userAccountControl') ?? 0);
  if (Number.isFinite(uac) && (uac & UF_ACCOUNTDISABLE) !== 0) return 'disabled';
  if ((attr(entry, 'nsAccountLock') ?? '').toUpperCase() === 'TRUE') return 'disabled';
  if (attr(entry, 'pwdAccountLockedTime') !== undefined) return 'locked';
  const lockout = attr(entry, 'lockoutTime');
  if (lockout !== undefined && lockout !== '0') return 'locked';
  return expired(entry, now) ? 'expired' : null;
}

/** The ppolicy value for "locked until an administrator unlocks it" (draft-behera-ldap-password-policy-10 §5.3.3). */
export const PERMANENT_LOCK = '000001010000Z';

/**
 * Whether the directory's administrator has turned this account off, as the help desk mirrors it
 * into the user's status (import, sign-in and SSO): AD's disabled bit and a past accountExpires,
 * 389-ds/FreeIPA nsAccountLock, OpenLDAP's administrative ppolicy lock. Lockouts after failed
 * passwords (AD lockoutTime, a timed pwdAccountLockedTime) are left out: they end by themselves
 * (lockoutDuration, pwdLockoutDuration) while the attribute stays until the next bind, so they
 * cannot be told from a lockout that is over. Sign-in still refuses them (accountBlock).
 */
export function directoryAccountState(entry: DirectoryEntry, now = new Date()): AccountBlock | null {
  const block = accountBlock(entry, now);
  if (block !== 'locked') return block;
  if (attr(entry, 'pwdAccountLockedTime') === PERMANENT_LOCK) return 'locked';
  return expired(entry, now) ? 'expired' : null;
}

function expired(entry: DirectoryEntry, now: Date): boolean {
  const expires = attr(entry, 'accountExpires');
  return expires !== undefined && !AD_NEVER.includes(expires) && fileTimeToDate(expires) <= now;
}

/** AD FILETIME (100 ns since 1601-01-01) → Date. */
export function fileTimeToDate(value: string): Date {
  const ms = BigInt(value) / 10000n - FILETIME_EPOCH_OFFSET_MS;
  return new Date(Number(ms));
}
