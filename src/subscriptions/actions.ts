import type { ChatStatusUpdate } from "../knowledge/chatUpdate.ts";
import type { State } from "../knowledge/schema.ts";
import type { ChannelRef, UserRef } from "../messages/addresses.ts";
import type { SubscribeOutcome, SubscriptionRecord } from "./store.ts";
import type { SyncReport } from "./syncReport.ts";
import type { Topic } from "./types.ts";

/** What the subscription commands ask of the subscription system; `SubscriptionSystem` is the real one. */
export interface SubscriptionActions {
  subscribe(channel: ChannelRef, topic: Topic, by: UserRef, at: Date): Promise<SubscribeOutcome>;
  unsubscribe(channel: ChannelRef, target: Topic | "everything", at: Date): Promise<Topic[]>;
  subscriptionsOf(channel: ChannelRef): Promise<SubscriptionRecord[]>;
  /** Brings the bot's statuses up to date with the store (chat updates other instances recorded). */
  refresh(): Promise<void>;
  /** How many channels a notice about the entity would reach now. */
  audienceOf(entityId: string): Promise<number>;
  /** The state the bot currently reports for an entity, if it has one. */
  currentState(entityId: string): State | undefined;
  /** Keeps an update waiting for its `confirm` under `key` until `expiresAt` (epoch ms). */
  holdUpdate(key: string, body: string, expiresAt: number): Promise<void>;
  /** Takes the update held under `key`, or null when there is none or it has expired. */
  takeHeldUpdate(key: string, now: Date): Promise<string | null>;
  /** Stores the update, then runs status-change detection at once so its notice goes out. */
  recordChatUpdate(update: ChatStatusUpdate, now: Date): Promise<SyncReport>;
}
