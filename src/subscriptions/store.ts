import type { CuratorLog } from "../curator/types.ts";
import type { StatusChangeNotice } from "../delivery/notice.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { ChatStatusUpdate } from "../knowledge/chatUpdate.ts";
import type { State } from "../knowledge/schema.ts";
import type { ChannelRef, UserRef } from "../messages/addresses.ts";
import type { FeedLog } from "../news/feedLog.ts";
import type { OutboxStats } from "../ops/metrics.ts";
import type { SubscriptionView, Topic } from "./types.ts";

/** A subscription to create, or to resume when it exists and is suspended. */
export interface NewSubscription {
  channel: ChannelRef;
  topic: Topic;
  /** The channel's block scope (`Poster.scopeOf`), copied onto its deliveries. */
  scope: string;
  by: UserRef;
  at: Date;
}

/** "existing" when the channel already follows the topic and is not suspended. */
export type SubscribeOutcome = "created" | "resumed" | "existing";

/** What the store knows of a subscription; the caller adds the topic's display name. */
export type SubscriptionRecord = Omit<SubscriptionView, "topicName">;

/** The last status announced for an entity, which the next snapshot is compared with. */
export interface AnnouncedStatus {
  entityId: string;
  key: string;
  state: State;
  /** Null for a status taken into the baseline without a notice. */
  noticeId: string | null;
  at: string;
}

/** The announcement log: null `baselineAt` means no sync has happened yet. */
export interface Announcements {
  baselineAt: string | null;
  statuses: Map<string, AnnouncedStatus>;
}

/** A notice to record, valid only if the entity's announced key is still `expectedKey`. */
export interface Announcement {
  notice: StatusChangeNotice;
  key: string;
  expectedKey: string | null;
  /** Epoch ms when its deliveries become due. */
  dueAt: number;
}

/** "conflict" when another sync announced the entity first; nothing was written. */
export type AnnounceResult = { kind: "announced"; deliveries: number } | { kind: "conflict" };

/** Which channels follow what. */
export interface SubscriptionRegistry {
  subscribe(subscription: NewSubscription): Promise<SubscribeOutcome>;
  /**
   * Removes one topic, or with "everything" all of the channel's subscriptions, and cancels
   * pending deliveries that no remaining subscription wants. Returns the topics removed.
   */
  unsubscribe(channel: ChannelRef, target: Topic | "everything", at: Date): Promise<Topic[]>;
  /** The channel's subscriptions, oldest first, with last delivery, last failure and any hold. */
  subscriptionsOf(channel: ChannelRef): Promise<SubscriptionRecord[]>;
  /** How many channels a notice about this entity would be posted to now (live subscriptions, or all). */
  audienceOf(entityId: string): Promise<number>;
}

/** What has been announced, and the transactional write of a new announcement. */
export interface AnnouncementLog {
  announcements(): Promise<Announcements>;
  /** Records the first sync's statuses without notices. False when a baseline already exists. */
  recordBaseline(statuses: { entityId: string; key: string; state: State }[], at: Date): Promise<boolean>;
  /**
   * In one transaction: the notice, the entity's new announced key, and one pending delivery per
   * channel with a live subscription to the entity or to all (one per channel even if it has both).
   */
  announce(announcement: Announcement): Promise<AnnounceResult>;
}

/** Status changes reported in chat, kept so that they survive restarts. */
export interface ChatUpdateLog {
  addChatUpdate(update: ChatStatusUpdate): Promise<void>;
  /** Every chat update, oldest first. */
  chatUpdates(): Promise<ChatStatusUpdate[]>;
  /**
   * Keeps `body` (an update waiting for its `confirm`) under `key` until `expiresAt` (epoch ms),
   * replacing whatever was held there. Held in the store, so the confirm may reach another instance.
   */
  holdUpdate(key: string, body: string, expiresAt: number): Promise<void>;
  /** Removes and returns what is held under `key`, or null when nothing is, or it expired by `now`. */
  takeHeldUpdate(key: string, now: number): Promise<string | null>;
}

/** Inbound platform event ids (Slack's `event_id`), so a retried event is handled once across instances. */
export interface InboundEventLog {
  /** Records `id` and says whether it was already recorded within `ttlMs` before `now` (epoch ms). */
  seenEvent(id: string, now: number, ttlMs: number): Promise<boolean>;
}

/**
 * Everything subscriptions persist, behind one interface so that another database can replace
 * SQLite. Every method returns a promise, though the SQLite store works synchronously, because
 * a networked store cannot. tests/subscriptions/storeContract.ts is the behaviour to pass.
 */
export interface SubscriptionStore
  extends SubscriptionRegistry,
    AnnouncementLog,
    ChatUpdateLog,
    InboundEventLog,
    CuratorLog,
    FeedLog,
    Outbox {
  /** "sqlite" serves one process; "postgres" serves any number of instances. */
  readonly kind: "sqlite" | "postgres";
  /**
   * The announcements and every chat update, read in one consistent snapshot, so that a status change
   * is judged against the store's record: never against a chat update some instance has recorded but
   * this one has not yet seen.
   */
  syncView(): Promise<{ announcements: Announcements; chatUpdates: ChatStatusUpdate[] }>;
  close(): Promise<void>;
  /** Pending deliveries and the oldest one's notice time, for metrics; a failure means unreachable. */
  outboxStats?(): Promise<OutboxStats>;
}
