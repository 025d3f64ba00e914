import type { BackoffPolicy } from "./backoff.ts";

/** Knobs of the dispatcher. Defaults suit Slack and Discord; tests shrink the times. */
export interface DispatchPolicy {
  /** Tries per delivery, counting the first; after the last `retry` outcome it is recorded as failed. */
  maxAttempts: number;
  /** Backoff between tries of one delivery after a `retry` outcome. */
  retry: BackoffPolicy;
  /** Backoff between probes of a blocked scope. Probes go on at `hold.maxMs` until one succeeds. */
  hold: BackoffPolicy;
  /**
   * How long a claim is exclusive unless renewed. A live dispatcher renews its claims every third of
   * it, however long a post takes; a dead one's claims return to the queue this long after it stopped.
   */
  leaseMs: number;
  /**
   * Most deliveries claimed per platform per pass. A paced platform claims at most one second of its
   * rate (and at least `maxInFlight`), so what a process holds is what it is about to send.
   */
  batchSize: number;
  /** Posts in flight at once per platform; also the most duplicates one crash can cause. */
  maxInFlight: number;
  /** Longest idle wait of the background loop before it looks for due deliveries again. */
  idleMs: number;
  /**
   * Shortest wait before looking again when deliveries are due but none could be claimed (each
   * channel's older notice still in flight elsewhere, or its pace not yet passed).
   */
  busyWaitMs: number;
  /** Multiplies every poster's pacing rates (and divides its intervals); 1 keeps the platforms' own. */
  rateScale: number;
  /**
   * The share of a platform's global rate the bot books. Posts leave a little after their slot (a
   * timer, a busy event loop, another instance's batch ending late); a platform counting requests per
   * second sees a late post in the next second, beside that second's own. Booking 90% leaves room
   * for 100 ms of lateness in each second (two instances on a busy machine were measured late by more
   * than 30 ms), for 11% more time than the rate alone would take.
   */
  rateShare: number;
}

/** The defaults: 8 tries over roughly 4 minutes, probes of a blocked workspace up to hourly. */
export const defaultDispatchPolicy: DispatchPolicy = {
  maxAttempts: 8,
  retry: { baseMs: 2_000, maxMs: 120_000 },
  hold: { baseMs: 30_000, maxMs: 3_600_000 },
  leaseMs: 3_000,
  batchSize: 500,
  maxInFlight: 4,
  idleMs: 5_000,
  busyWaitMs: 25,
  rateScale: 1,
  rateShare: 0.9,
};

/** What one pass or a drain did, by outcome. `held` counts deliveries parked behind a blocked scope. */
export interface DispatchReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  suspended: number;
  held: number;
  /** Re-deliveries dropped because a newer notice about the same entity went to the channel. */
  superseded: number;
}

/** A report with every count at zero. */
export function emptyReport(): DispatchReport {
  return { claimed: 0, sent: 0, retried: 0, failed: 0, suspended: 0, held: 0, superseded: 0 };
}

/** Adds `part` into `total`. */
export function addReport(total: DispatchReport, part: DispatchReport): void {
  total.claimed += part.claimed;
  total.sent += part.sent;
  total.retried += part.retried;
  total.failed += part.failed;
  total.suspended += part.suspended;
  total.held += part.held;
  total.superseded += part.superseded;
}
