/** A token bucket per key: `burst` requests at once, then one more every `refillMs`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one token for `key` at `now` (epoch ms): 0 when allowed, else the ms until one is free. */
  take(key: string, now: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    const refilled = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.at) / this.refillMs);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return Math.ceil((1 - refilled) * this.refillMs);
    }
    // Bound the memory a flood of distinct users could take: forget the oldest keys first.
    if (!this.buckets.has(key) && this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    return 0;
  }
}

/** Fair use: how many questions a person and a channel may ask. */
export const QUESTION_LIMITS = {
  /** A person: 10 at once, then one every 3 s (20 a minute). */
  user: { burst: 10, refillMs: 3_000 },
  /** A channel: 30 at once, then one every second (60 a minute). */
  channel: { burst: 30, refillMs: 1_000 },
} as const;
