/**
 * A login as sign-in counts and looks it up when no directory entry has it: surrounding spaces
 * dropped, case folded (String.prototype.toLowerCase), so `Alice ` and `alice` share one throttle
 * count and one read. Directory logins match without case too (uid's EQUALITY is caseIgnoreMatch,
 * RFC 4519; mail's caseIgnoreIA5Match, RFC 4524), and emails are stored lowercase.
 */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}
