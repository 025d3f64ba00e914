/**
 * Remembers recently handled Events API ids, so Slack's retries (sent when an ack was slow or lost,
 * up to three over about five minutes) are answered once. Bounded both ways: entries expire after
 * `ttlMs`, and past `maxEntries` the oldest go first, so memory stays flat under any event rate.
 */
export class RecentEventIds {
  /** Insertion-ordered, so the first key is always the oldest. */
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number; clock: () => number } = {
      ttlMs: 60 * 60_000,
      maxEntries: 10_000,
      clock: Date.now,
    },
  ) {}

  /** Records `id` and says whether it had been seen within the TTL. */
  checkAndRemember(id: string): boolean {
    const now = this.options.clock();
    this.evict(now);
    if (this.seenAt.has(id)) return true;
    this.seenAt.set(id, now);
    if (this.seenAt.size > this.options.maxEntries) {
      const oldest = this.seenAt.keys().next().value;
      if (oldest !== undefined) this.seenAt.delete(oldest);
    }
    return false;
  }

  get size(): number {
    return this.seenAt.size;
  }

  private evict(now: number): void {
    for (const [id, at] of this.seenAt) {
      if (now - at < this.options.ttlMs) return;
      this.seenAt.delete(id);
    }
  }
}
