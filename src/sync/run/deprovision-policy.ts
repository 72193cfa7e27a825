import type { SyncSettings } from '../../ldap/settings/ldap-settings.types.js';

export interface PassOutcome {
  /** Full pass (not a delta). */
  full: boolean;
  /** Every scope was searched to its end without an error. */
  complete: boolean;
  /** Entries returned per scope. */
  entriesPerScope: number[];
}

export type DeprovisionDecision =
  { action: 'skip'; reason: string } | { action: 'confirm'; percent: number } | { action: 'disable'; percent: number };

/**
 * Whether users not seen may be disabled. Peers disabled whole companies when a timeout or a
 * wrong filter looked like an empty directory (Gitea #7949, GitLab #18421, Keycloak #20177):
 * only a complete full pass in which every scope returned entries counts.
 */
export function passAllowsDeprovisioning(
  settings: Pick<SyncSettings, 'deprovision'>,
  pass: PassOutcome,
): { ok: true } | { ok: false; reason: string } {
  if (settings.deprovision !== 'disable')
    return { ok: false, reason: 'deprovisioning is off (sync.deprovision: none)' };
  if (!pass.full) return { ok: false, reason: 'a delta run does not see deletions' };
  if (!pass.complete) return { ok: false, reason: 'the directory pass did not complete' };
  if (pass.entriesPerScope.length === 0) return { ok: false, reason: 'no search scopes' };
  const empty = pass.entriesPerScope.findIndex((n) => n === 0);
  if (empty >= 0) return { ok: false, reason: `search scope ${empty + 1} returned no entries` };
  return { ok: true };
}

/** Users a run would disable: active directory users gone from it, and those it turned off. */
export interface DisableCounts {
  /** Not seen by the pass (counted only when the pass allows deprovisioning). */
  gone: number;
  /** Found disabled, locked or expired in the directory (the flavours' account-state rules). */
  inDirectory: number;
  /** Active LDAP users before the run: the base of those gone (only they can be found gone). */
  knownBefore: number;
  /**
   * Active users tied to an entry before the run (LDAP users, and SSO users created from an
   * entry): the base of all the run would disable. Defaults to knownBefore.
   */
  linkedBefore?: number;
}

/**
 * Above maxDisablePercent of the directory users known before the run (active, from the
 * directory), a person confirms (force) before anyone is disabled: those gone against the LDAP
 * users, and all of them against every user tied to an entry, the larger share deciding. Every user the run would
 * disable counts: gone from the directory, or turned off there (a wrong filter, or a mass change
 * that locks many accounts, disables as many people as a vanished OU). Users the run itself
 * creates are not in the base: 3 gone of 3 known is 100 %, however many new ones the run brings.
 * Users gone count only after a pass that allows deprovisioning (passAllowsDeprovisioning);
 * those turned off in the directory after any pass, delta or full, whatever sync.deprovision
 * says (mirroring the account state is not deprovisioning). An incomplete pass still applies the
 * directory's own disables it read: they are positive evidence, not an absence, and a scope that
 * fails on every run must not keep a locked-out person signed in for good. The brake still holds
 * them on the same base: the part read has no more of them than the whole, so when the part
 * trips the brake the whole would too.
 */
export function decideDeprovisioning(
  settings: Pick<SyncSettings, 'deprovision' | 'maxDisablePercent'>,
  pass: PassOutcome,
  counts: DisableCounts,
  force: boolean,
): DeprovisionDecision {
  const allowed = passAllowsDeprovisioning(settings, pass);
  const total = (allowed.ok ? counts.gone : 0) + counts.inDirectory;
  if (total === 0) return { action: 'skip', reason: allowed.ok ? 'nobody is gone' : allowed.reason };
  // Each on its own base, the larger share decides: 90 LDAP users gone of 100 is 90 %, however
  // many SSO users are tied to entries too.
  const goneCounted = allowed.ok ? counts.gone : 0;
  const percent = Math.max(
    share(goneCounted, counts.knownBefore),
    share(total, counts.linkedBefore ?? counts.knownBefore),
  );
  if (percent > settings.maxDisablePercent && !force) return { action: 'confirm', percent };
  return { action: 'disable', percent };
}

/** `part` of `base` in per cent; anything of nothing is 100 %. */
function share(part: number, base: number): number {
  if (part === 0) return 0;
  return base === 0 ? 100 : (part * 100) / base;
}
