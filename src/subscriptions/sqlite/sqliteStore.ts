import type {
  AnswerRecord,
  GapGroup,
  GapSighting,
  NewVote,
  Pruned,
  Vote,
  VoteOutcome,
  WrongAnswer,
} from "../../curator/types.ts";
import type { StatusChangeNotice } from "../../delivery/notice.ts";
import type { ClaimedDelivery, ClaimOptions } from "../../delivery/outbox.ts";
import type { ChatStatusUpdate } from "../../knowledge/chatUpdate.ts";
import type { State } from "../../knowledge/schema.ts";
import type { ChannelRef, Platform } from "../../messages/addresses.ts";
import type { FeedItemOutcome, FeedPollOutcome, FeedRecord } from "../../news/feedLog.ts";
import type { OutboxStats } from "../../ops/metrics.ts";
import type {
  Announcement,
  Announcements,
  AnnounceResult,
  NewSubscription,
  SubscribeOutcome,
  SubscriptionRecord,
  SubscriptionStore,
} from "../store.ts";
import type { Topic } from "../types.ts";
import { SqliteAnnouncementLog } from "./announcements.ts";
import { SqliteChatUpdateLog } from "./chatUpdates.ts";
import { SqliteCuratorLog } from "./curator.ts";
import {
  type OpenOptions,
  openDatabase,
  type SqliteDatabase,
  type SqlStatement,
  statementCache,
} from "./database.ts";
import { SqliteFeedLog } from "./feeds.ts";
import { SqliteOutbox } from "./outbox.ts";
import { SqliteSubscriptionRegistry } from "./registry.ts";

/**
 * The SQLite `SubscriptionStore`: one better-sqlite3 connection in WAL mode at `path` (the bot's
 * config decides it, e.g. ./data/briefbot.db; the folder is created), migrated on open when needed.
 * A one-shot run opens it with `processLock: false` (see `openDatabase`).
 */
export function openSqliteSubscriptionStore(path: string, options: OpenOptions = {}): SubscriptionStore {
  return new SqliteSubscriptionStore(openDatabase(path, undefined, options), options.processLock !== false);
}

/**
 * With the process lock (see `openDatabase`), no other bot can be sending: every lease still in the
 * file belonged to a process that died, and is freed on open. A restart after a crash therefore
 * resumes its fan-out at once instead of waiting out the leases. A one-shot run, without the lock,
 * leaves leases alone: a running bot may hold them.
 */
class SqliteSubscriptionStore implements SubscriptionStore {
  readonly kind = "sqlite" as const;
  readonly #db: SqliteDatabase;
  readonly #sql: (sql: string) => SqlStatement;
  readonly #registry: SqliteSubscriptionRegistry;
  readonly #announcements: SqliteAnnouncementLog;
  readonly #outbox: SqliteOutbox;
  readonly #chatUpdates: SqliteChatUpdateLog;
  readonly #curator: SqliteCuratorLog;
  readonly #feeds: SqliteFeedLog;

  constructor(db: SqliteDatabase, soleProcess = true) {
    const sql = statementCache(db);
    this.#db = db;
    this.#sql = sql;
    this.#registry = new SqliteSubscriptionRegistry(db, sql);
    this.#announcements = new SqliteAnnouncementLog(db, sql);
    this.#outbox = new SqliteOutbox(db, sql);
    this.#chatUpdates = new SqliteChatUpdateLog(db);
    this.#curator = new SqliteCuratorLog(db, sql);
    this.#feeds = new SqliteFeedLog(sql);
    if (soleProcess) this.#freeLeases();
  }

  #freeLeases(): void {
    try {
      this.#outbox.releaseAllLeases();
    } catch (error) {
      // Another connection holds the write lock: the leases lapse on their own instead.
      if (!String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) throw error;
    }
  }

  subscribe(subscription: NewSubscription): Promise<SubscribeOutcome> {
    return this.#registry.subscribe(subscription);
  }
  unsubscribe(channel: ChannelRef, target: Topic | "everything", at: Date): Promise<Topic[]> {
    return this.#registry.unsubscribe(channel, target, at);
  }
  subscriptionsOf(channel: ChannelRef): Promise<SubscriptionRecord[]> {
    return this.#registry.subscriptionsOf(channel);
  }
  audienceOf(entityId: string): Promise<number> {
    return this.#registry.audienceOf(entityId);
  }
  announcements(): Promise<Announcements> {
    return this.#announcements.announcements();
  }
  recordBaseline(statuses: { entityId: string; key: string; state: State }[], at: Date): Promise<boolean> {
    return this.#announcements.recordBaseline(statuses, at);
  }
  announce(announcement: Announcement): Promise<AnnounceResult> {
    return this.#announcements.announce(announcement);
  }
  holdUpdate(key: string, body: string, expiresAt: number): Promise<void> {
    return this.#chatUpdates.holdUpdate(key, body, expiresAt);
  }
  takeHeldUpdate(key: string, now: number): Promise<string | null> {
    return this.#chatUpdates.takeHeldUpdate(key, now);
  }
  async syncView(): Promise<{ announcements: Announcements; chatUpdates: ChatStatusUpdate[] }> {
    // One connection in one process: nothing can write between the two reads.
    return { announcements: await this.announcements(), chatUpdates: await this.chatUpdates() };
  }
  async seenEvent(id: string, now: number, ttlMs: number): Promise<boolean> {
    return this.#db.transaction(() => {
      this.#sql("DELETE FROM inbound_events WHERE seen_at <= ?").run(now - ttlMs);
      return (
        this.#sql("INSERT INTO inbound_events (id, seen_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING").run(
          id,
          now,
        ).changes === 0
      );
    })();
  }
  addChatUpdate(update: ChatStatusUpdate): Promise<void> {
    return this.#chatUpdates.addChatUpdate(update);
  }
  chatUpdates(): Promise<ChatStatusUpdate[]> {
    return this.#chatUpdates.chatUpdates();
  }
  claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return this.#outbox.claimDue(options);
  }
  beginTry(delivery: ClaimedDelivery): Promise<void> {
    return this.#outbox.beginTry(delivery);
  }
  notice(id: string): Promise<StatusChangeNotice | null> {
    return this.#outbox.notice(id);
  }
  markSent(delivery: ClaimedDelivery, sent: { at: Date; messageId?: string }): Promise<void> {
    return this.#outbox.markSent(delivery, sent);
  }
  scheduleRetry(delivery: ClaimedDelivery, retry: { dueAt: number; reason: string }): Promise<void> {
    return this.#outbox.scheduleRetry(delivery, retry);
  }
  markFailed(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void> {
    return this.#outbox.markFailed(delivery, failure);
  }
  suspendChannel(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void> {
    return this.#outbox.suspendChannel(delivery, failure);
  }
  holdScope(delivery: ClaimedDelivery, hold: { scope: string; reason: string; at: Date; probeAt: number }) {
    return this.#outbox.holdScope(delivery, hold);
  }
  release(delivery: ClaimedDelivery, dueAt: number): Promise<void> {
    return this.#outbox.release(delivery, dueAt);
  }
  nextDueAt(platforms: Platform[]): Promise<number | null> {
    return this.#outbox.nextDueAt(platforms);
  }
  releaseLeasesOf(owner: string): Promise<number> {
    return this.#outbox.releaseLeasesOf(owner);
  }
  renewLeases(owner: string, leaseUntil: number): Promise<void> {
    return this.#outbox.renewLeases(owner, leaseUntil);
  }
  dropIfSuperseded(delivery: ClaimedDelivery, at: Date): Promise<boolean> {
    return this.#outbox.dropIfSuperseded(delivery, at);
  }
  reserveSlots(key: string, count: number, intervalMs: number, now: number): Promise<number> {
    return this.#outbox.reserveSlots(key, count, intervalMs, now);
  }
  async holdBudget(key: string, until: number): Promise<void> {
    await this.#outbox.holdBudget(key, until);
  }
  recordGaps(sightings: GapSighting[], at: Date): Promise<void> {
    return this.#curator.recordGaps(sightings, at);
  }
  gapGroups(baseVersion: string, limit: number): Promise<GapGroup[]> {
    return this.#curator.gapGroups(baseVersion, limit);
  }
  otherVersionGaps(baseVersion: string): Promise<number> {
    return this.#curator.otherVersionGaps(baseVersion);
  }
  recordAnswer(record: AnswerRecord): Promise<void> {
    return this.#curator.recordAnswer(record);
  }
  answerRecord(id: string): Promise<AnswerRecord | null> {
    return this.#curator.answerRecord(id);
  }
  vote(vote: NewVote): Promise<VoteOutcome> {
    return this.#curator.vote(vote);
  }
  giveReason(answerId: string, voterHash: string, reason: string, at: Date): Promise<boolean> {
    return this.#curator.giveReason(answerId, voterHash, reason, at);
  }
  wrongAnswers(limit: number): Promise<WrongAnswer[]> {
    return this.#curator.wrongAnswers(limit);
  }
  voteCounts(): Promise<Record<Vote, number>> {
    return this.#curator.voteCounts();
  }
  voterSalt(): Promise<string> {
    return this.#curator.voterSalt();
  }
  claimDigest(now: number, everyMs: number): Promise<boolean> {
    return this.#curator.claimDigest(now, everyMs);
  }
  pruneCurator(before: Date): Promise<Pruned> {
    return this.#curator.pruneCurator(before);
  }
  claimFeedPoll(url: string, now: number, everyMs: number): Promise<boolean> {
    return this.#feeds.claimFeedPoll(url, now, everyMs);
  }
  recordFeedPoll(url: string, at: Date, outcome: FeedPollOutcome): Promise<void> {
    return this.#feeds.recordFeedPoll(url, at, outcome);
  }
  claimFeedItem(
    url: string,
    itemKey: string,
    now: number,
    options: { maxAttempts: number; staleMs: number },
  ): Promise<boolean> {
    return this.#feeds.claimFeedItem(url, itemKey, now, options);
  }
  finishFeedItem(url: string, itemKey: string, outcome: FeedItemOutcome, at: Date): Promise<void> {
    return this.#feeds.finishFeedItem(url, itemKey, outcome, at);
  }
  feedRecords(): Promise<FeedRecord[]> {
    return this.#feeds.feedRecords();
  }
  async outboxStats(): Promise<OutboxStats> {
    const row = this.#db
      .prepare(`SELECT count(*) AS depth, min(n.created_at) AS oldestAt FROM deliveries d
          JOIN notices n ON n.id = d.notice_id WHERE d.status = 'pending'`)
      .get() as OutboxStats;
    return { depth: row.depth, oldestAt: row.oldestAt ?? null };
  }
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
