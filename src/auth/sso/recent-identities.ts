/**
 * Which user a header login resolved to lately, so a request whose session already belongs to
 * that user needs no directory lookup. Per instance; a miss only costs one lookup.
 */
export class RecentIdentities {
  private readonly entries = new Map<string, { userId: number; at: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  userOf(login: string, now = Date.now()): number | undefined {
    const entry = this.entries.get(login);
    if (!entry) return undefined;
    if (now - entry.at < this.ttlMs) return entry.userId;
    this.entries.delete(login);
    return undefined;
  }

  remember(login: string, userId: number, now = Date.now()): void {
    this.entries.delete(login);
    this.entries.set(login, { userId, at: now });
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
