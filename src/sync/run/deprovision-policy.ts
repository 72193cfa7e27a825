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

/**
 * Above maxDisablePercent of the directory users known before the run (active, from the
 * directory), a person confirms (force) before anyone is disabled. Users the run itself creates
 * are not in the base: 3 gone of 3 known is 100 %, however many new ones the run brings.
 */
export function decideDeprovisioning(
  settings: Pick<SyncSettings, 'deprovision' | 'maxDisablePercent'>,
  pass: PassOutcome,
  counts: { gone: number; knownBefore: number },
  force: boolean,
): DeprovisionDecision {
  const allowed = passAllowsDeprovisioning(settings, pass);
  if (!allowed.ok) return { action: 'skip', reason: allowed.reason };
  if (counts.gone === 0) return { action: 'skip', reason: 'nobody is gone' };
  const percent = counts.knownBefore === 0 ? 100 : (counts.gone * 100) / counts.knownBefore;
  if (percent > settings.maxDisablePercent && !force) return { action: 'confirm', percent };
  return { action: 'disable', percent };
}
