import type { ChannelRef, Platform } from "../messages/addresses.ts";
import type { StatusChangeNotice } from "./notice.ts";

/** A delivery the dispatcher holds a lease on until it records an outcome or the lease runs out. */
export interface ClaimedDelivery {
  id: string;
  /** Stable for the life of the delivery and at most 25 characters, as Discord's nonce requires. */
  nonce: string;
  noticeId: string;
  channel: ChannelRef;
  /** The block scope recorded when the channel subscribed (`Poster.scopeOf`, else the platform). */
  scope: string;
  /** 1 on the first try. Counted at claim, so a crash in the middle of a post uses up a try. */
  attempt: number;
  leaseToken: string;
  /** True when this delivery is the single probe of a blocked scope. */
  probe: boolean;
  /**
   * True when the previous try ended with no outcome recorded (its process died, or the write
   * failed): the platform may already have shown it. Only such a re-delivery is dropped when superseded.
   */
  inDoubt: boolean;
}

/** Which deliveries `claimDue` may take, and for how long. */
export interface ClaimOptions {
  /** Epoch ms. */
  now: number;
  /** Only deliveries for these platforms: a platform with no poster this run keeps its queue. */
  platforms: Platform[];
  limit: number;
  leaseMs: number;
  /** The claiming instance; its live process renews its leases (`renewLeases`) until it records outcomes. */
  owner: string;
  /**
   * Least gap between two posts to one channel. A delivery is not claimed while its channel had a post
   * within it, or while an older delivery to the channel is still pending: each channel gets its
   * notices one at a time, in the order they were announced, whichever instance sends them.
   */
  channelIntervalMs?: number;
}

/**
 * The delivery side of the transactional outbox. Every method that records an outcome takes the
 * claimed delivery so the store can check the lease; `markSent` alone ignores a lost lease,
 * because a post that went out is a fact whoever holds the lease now.
 */
export interface Outbox {
  /** Leases up to `limit` due deliveries, oldest first, plus one probe per blocked scope that is due. */
  claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  notice(id: string): Promise<StatusChangeNotice | null>;
  /**
   * Marks the try as begun, just before the post goes out. A try begun and never settled by an outcome
   * (the process died, or recording failed) makes the next claim of the delivery `inDoubt`.
   */
  beginTry(delivery: ClaimedDelivery): Promise<void>;
  markSent(delivery: ClaimedDelivery, sent: { at: Date; messageId?: string }): Promise<void>;
  scheduleRetry(delivery: ClaimedDelivery, retry: { dueAt: number; reason: string }): Promise<void>;
  markFailed(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void>;
  /**
   * The channel cannot take posts: fails this delivery, suspends every subscription of the channel
   * and cancels its other pending deliveries, with the reason kept on each.
   */
  suspendChannel(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void>;
  /** Holds every delivery in `scope` until `probeAt`, then lets one through as a probe. */
  holdScope(
    delivery: ClaimedDelivery,
    hold: { scope: string; reason: string; at: Date; probeAt: number },
  ): Promise<void>;
  /** Gives a delivery back untried (its try is not counted), due again at `dueAt`. */
  release(delivery: ClaimedDelivery, dueAt: number): Promise<void>;
  /** When the next pending delivery for `platforms` can be claimed (epoch ms), or null when none is pending. */
  nextDueAt(platforms: Platform[]): Promise<number | null>;
  /**
   * Frees every lease `owner` holds: a process starting under the name of one that died takes its
   * claims back at once instead of waiting for them to lapse. Names must be unique among live processes.
   */
  releaseLeasesOf(owner: string): Promise<number>;
  /** Extends to `leaseUntil` every lease `owner` still holds; a live dispatcher calls it well within the lease. */
  renewLeases(owner: string, leaseUntil: number): Promise<void>;
  /**
   * Before a re-delivery whose previous try is in doubt: when a newer notice about the same entity is queued or
   * sent to the same channel, cancels this delivery as superseded and returns true, so an old status is
   * never posted after a newer one.
   */
  dropIfSuperseded(delivery: ClaimedDelivery, at: Date): Promise<boolean>;
  /**
   * Books `count` consecutive slots `intervalMs` apart in the budget named `key` (e.g. one bot token's
   * global rate) and returns when the first begins (epoch ms, never before `now`). The budget lives in
   * the store, so every instance sharing it shares the rate.
   */
  reserveSlots(key: string, count: number, intervalMs: number, now: number): Promise<number>;
  /**
   * Moves the budget named `key` on to `until` (epoch ms) unless it is booked beyond it already: the
   * platform said to wait (a 429's retry-after), so no instance books a slot before then.
   */
  holdBudget(key: string, until: number): Promise<void>;
}
