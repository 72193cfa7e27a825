/**
 * At most one log line per key (a source address, a user) per window, and at most
 * `maxPerWindow` lines in all, so a flood of forged headers cannot fill the log.
 * Memory stays bounded: only written keys are remembered, and stale ones go every window.
 */
export class LogLimiter {
  private readonly lastWritten = new Map<string, number>();
  private windowStart = Number.NEGATIVE_INFINITY;
  private writtenInWindow = 0;
  private heldBack = 0;

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxPerWindow = 100,
  ) {}

  /** null: stay quiet. Otherwise write, mentioning how many lines were held back since the last one. */
  allow(key: string, now = Date.now()): { heldBack: number } | null {
    if (now - this.windowStart >= this.windowMs) this.startWindow(now);
    const last = this.lastWritten.get(key);
    if ((last !== undefined && now - last < this.windowMs) || this.writtenInWindow >= this.maxPerWindow) {
      this.heldBack += 1;
      return null;
    }
    this.lastWritten.set(key, now);
    this.writtenInWindow += 1;
    const heldBack = this.heldBack;
    this.heldBack = 0;
    return { heldBack };
  }

  private startWindow(now: number): void {
    this.windowStart = now;
    this.writtenInWindow = 0;
    for (const [key, at] of this.lastWritten) if (now - at >= this.windowMs) this.lastWritten.delete(key);
  }
}
