/**
 * A small in-process sliding window: at most `limit` events per key within `windowMs`.
 * For admin tools (diagnostics) where a per-instance limit is enough; sign-in throttling
 * needs counters shared by all instances and lives in the database.
 */
export class RateWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records an event; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const recent = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return Math.ceil((recent[0] + this.windowMs - now) / 1000);
    }
    recent.push(now);
    this.events.set(key, recent);
    return 0;
  }
}
