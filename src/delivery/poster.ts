import type { ChannelRef, Platform } from "../messages/addresses.ts";
import type { StatusChangeNotice } from "./notice.ts";

/**
 * The result of one attempt to post a notice. Posters classify platform errors into these;
 * the outbox alone decides what happens next, so no poster retries on its own.
 */
export type PostOutcome =
  | { kind: "sent"; messageId?: string }
  /**
   * Transient (429, 5xx, network): try again, no sooner than `retryAfterMs` when given. `platformWide`
   * marks a 429 that holds every post of the bot (Discord's global limit), not this one alone.
   */
  | { kind: "retry"; reason: string; retryAfterMs?: number; platformWide?: boolean }
  /** The channel cannot take posts (gone, archived, bot removed, no access): suspend it. */
  | { kind: "permanent"; reason: string }
  /** Credentials rejected: hold every delivery in `scope` (e.g. one Slack workspace) until it works. */
  | { kind: "blocked"; reason: string; scope: string; retryAfterMs?: number };

export interface DeliveryAttempt {
  deliveryId: string;
  /** Stable across retries of the same delivery, for platforms that deduplicate (Discord). */
  nonce: string;
  attempt: number;
}

/** How fast a platform may be posted to. The dispatcher enforces it. */
export interface Pacing {
  /** Minimum gap between two posts to the same channel. */
  perChannelIntervalMs: number;
  /** Ceiling on posts per second across the platform. */
  globalPerSecond: number;
}

/** One per platform: sends a notice to a channel and classifies the outcome. */
export interface Poster {
  readonly platform: Platform;
  readonly pacing: Pacing;
  /**
   * True when the platform itself drops a repeated try of one delivery (Discord's nonce), so a try
   * left in doubt by a crash is sent again rather than dropped when a newer notice follows it.
   */
  readonly idempotent?: boolean;
  /** Which block scope a channel belongs to (Slack: its workspace); defaults to the platform. */
  scopeOf?(channel: ChannelRef): string;
  post(channel: ChannelRef, notice: StatusChangeNotice, attempt: DeliveryAttempt): Promise<PostOutcome>;
  /** Posts a list for curators (the weekly digest of unanswered questions): a heading and its lines. */
  postReport?(channel: ChannelRef, report: { title: string; lines: string[] }): Promise<PostOutcome>;
}
