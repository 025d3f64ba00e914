import type { ChannelRef, UserRef } from "../messages/addresses.ts";

export type { ChannelRef, Platform, UserRef } from "../messages/addresses.ts";

/**
 * A platform-neutral request: what a person typed to the bot, where, and what the adapter
 * knows about their rights. The adapter decides `canManageSubscriptions` (e.g. Discord's
 * Manage Channels); whether someone is an admin is the core's decision, from config.
 */
export interface ChatRequest {
  text: string;
  channel: ChannelRef;
  user: UserRef;
  canManageSubscriptions: boolean;
  /**
   * The conversation the request belongs to (a Slack thread or DM, a Discord user in a channel, a
   * terminal session), so a follow-up ("why did it close") is read against what it was last about.
   * Unset: every request stands alone.
   */
  conversation?: string;
  /** A direct message to the bot rather than a channel many people read. */
  direct?: boolean;
  /** When the request was made. Injected so nothing below reads the clock. */
  now: Date;
}
