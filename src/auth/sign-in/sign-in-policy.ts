/**
 * The sign-in decision as pure functions: what the directory answered, what kind of help desk
 * account the login names, and the `fallbackToLocal` setting decide whether the local password
 * may be checked. SignInService runs the steps; this file says what they mean.
 */

/** How a successful sign-in got in; recorded on the session. */
export type SignInMethod = 'ldap' | 'local' | 'local-fallback' | 'sso';

/** Why a sign-in was refused (the client always gets the same 401 or, for `throttled`, 429). */
export type RefusalReason = 'wrong-credentials' | 'blocked' | 'throttled' | 'unavailable';

/**
 * The directory's answer to one attempt:
 * - off: LDAP sign-in is not enabled;
 * - admitted: the bind succeeded and the account writer gave us an active user;
 * - wrong-credentials: the directory answered about this person and said no (wrong password,
 *   no such entry, ambiguous login, an entry we cannot map);
 * - blocked: the directory (or the account writer) says this account may not sign in: final;
 * - unavailable: the directory could not answer (connection, TLS, timeout, busy, the service
 *   account's own bind failed): nothing was learnt about the person.
 */
export type DirectoryAnswer = 'off' | 'admitted' | 'wrong-credentials' | 'blocked' | 'unavailable';

/**
 * The help desk account the login names, as far as the local password is concerned:
 * - none: no account, or one without a local password, or not active;
 * - local-only: a local account the directory does not manage (the bootstrap admin);
 * - directory-managed: linked to a directory entry (a DN or stable id on record, or created by
 *   the directory), whose local password is only a stand-in while the directory cannot answer.
 */
export type AccountKind = 'none' | 'local-only' | 'directory-managed';

/** What to do after the directory step. */
export type NextStep =
  | { step: 'done-ldap' }
  | { step: 'check-local'; method: 'local' | 'local-fallback' }
  | { step: 'refuse'; reason: Exclude<RefusalReason, 'throttled'> };

/**
 * The whole fallback policy (README "Sign-in"):
 * - directory off: the local password of any account;
 * - admitted: signed in by the directory; blocked: refused, never a fallback;
 * - `fallbackToLocal` off: no local password while the directory is on;
 * - local-only accounts: their local password, whatever the directory said about the login;
 * - directory-managed accounts: their local password only when the directory is unavailable,
 *   never after it said "wrong password".
 */
export function nextStep(answer: DirectoryAnswer, account: AccountKind, fallbackToLocal: boolean): NextStep {
  if (answer === 'admitted') return { step: 'done-ldap' };
  if (answer === 'blocked') return { step: 'refuse', reason: 'blocked' };
  if (answer === 'off') return { step: 'check-local', method: 'local' };
  const refusal = answer === 'unavailable' ? 'unavailable' : 'wrong-credentials';
  if (!fallbackToLocal || account === 'none') return { step: 'refuse', reason: refusal };
  if (account === 'local-only') return { step: 'check-local', method: 'local' };
  return answer === 'unavailable'
    ? { step: 'check-local', method: 'local-fallback' }
    : { step: 'refuse', reason: 'wrong-credentials' };
}

/** The fields of a user row the policy reads. */
export interface AccountFacts {
  status: string;
  authSource: string;
  passwordHash: string | null;
  ldapDn: string | null;
  ldapUid: string | null;
}

/** The kind of a help desk account for the policy above. */
export function accountKind(user: AccountFacts | null | undefined): AccountKind {
  if (!user || user.status !== 'active' || !user.passwordHash) return 'none';
  const managed = user.ldapDn !== null || user.ldapUid !== null || user.authSource !== 'local';
  return managed ? 'directory-managed' : 'local-only';
}

/**
 * Whether this account can sign in at all under these settings, assuming its password is right
 * and the directory is up: the question "would saving these settings lock every admin out?".
 * A directory-managed account signs in through the directory; any other needs its local
 * password to be allowed while the directory answers.
 */
export function canSignIn(user: AccountFacts, settings: { enabled: boolean; fallbackToLocal: boolean }): boolean {
  if (user.status !== 'active') return false;
  if (!settings.enabled) return accountKind(user) !== 'none';
  if (user.ldapDn !== null || user.ldapUid !== null) return true;
  const step = nextStep('wrong-credentials', accountKind(user), settings.fallbackToLocal);
  return step.step === 'check-local';
}
