import type { LdapError } from '../ldap.error.js';

/** A page size the server refused, and the one tried next. */
export interface PageSizeRefusal {
  refused: number;
  next: number;
  /** The server's answer in plain words (see toLdapError). */
  reason: string;
}

/** Below this the page size is not lowered any more: the refusal is about something else. */
export const MIN_PAGE_SIZE = 10;

/**
 * The page size to try after the server refused the first page of a paged search, or undefined
 * when the error is not a refusal of the page size. Servers refuse a page above their limit in
 * different words: OpenLDAP's size.pr answers 11 adminLimitExceeded ("illegal pagedResults page
 * size"), 389/FreeIPA apply nsslapd-sizelimit to each page and answer 4 sizeLimitExceeded, some
 * answer 53 unwillingToPerform naming the page or the size. Halving reaches any limit in a few tries.
 */
export function smallerPageSize(pageSize: number, error: LdapError): number | undefined {
  const refusesSize =
    error.resultCode === 4 ||
    error.resultCode === 11 ||
    (error.resultCode === 53 && /page|size/i.test(error.detail ?? ''));
  if (!refusesSize || pageSize <= MIN_PAGE_SIZE) return undefined;
  return Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
}
