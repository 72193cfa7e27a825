/** Logins remembered at most, about 2 MB (a login and a DN each); the oldest use goes first. */
export const ACCOUNT_MEMO_SIZE = 10_000;

/**
 * The directory account each login named at its last attempt on this instance (an entry's DN, or
 * the unknown-login key), so that the next attempt can take the account's throttle attempt in the
 * same statement as the login's (LoginThrottleService.reserveLogin). Only a guess for the throttle:
 * the search still runs on every attempt and decides who binds, so a stale memo costs a statement,
 * never an account. Logins are case-folded, as the throttle's keys are.
 */
export class AccountMemo {
  private readonly accounts = new Map<string, string>();

  constructor(private readonly size = ACCOUNT_MEMO_SIZE) {}

  /** The account this login named last time, if remembered. */
  get(login: string): string | undefined {
    return this.accounts.get(memoKey(login));
  }

  /** Remembers the account this login named now (the most recent use). */
  remember(login: string, account: string): void {
    const key = memoKey(login);
    this.accounts.delete(key);
    this.accounts.set(key, account);
    if (this.accounts.size > this.size) this.accounts.delete(this.accounts.keys().next().value!);
  }
}

function memoKey(login: string): string {
  return login.trim().toLowerCase();
}
