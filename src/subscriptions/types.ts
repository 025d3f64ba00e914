import type { ChannelRef, UserRef } from "../messages/addresses.ts";

/** What a subscription follows: one entity, or every tracked status. */
export type Topic = { kind: "entity"; entityId: string } | { kind: "all" };

/** A channel's subscription as `subscriptions` shows it. */
export interface SubscriptionView {
  channel: ChannelRef;
  topic: Topic;
  /** Display name of the topic ("U.S. Embassy in Kyiv", "every tracked status"). */
  topicName: string;
  createdAt: string;
  createdBy: UserRef;
  lastDelivered?: { noticeId: string; at: string };
  /** Set when posting failed permanently; nothing is posted until the channel subscribes again. */
  suspended?: { reason: string; at: string };
  /** The latest delivery that gave up after its last try, for the topic. */
  lastFailed?: { noticeId: string; reason: string; at: string };
  /** Set while the channel's workspace or platform rejects the bot's credentials; posts wait. */
  held?: { reason: string; since: string };
}
