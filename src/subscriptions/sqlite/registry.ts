import type { ChannelRef, Platform } from "../../messages/addresses.ts";
import type {
  NewSubscription,
  SubscribeOutcome,
  SubscriptionRecord,
  SubscriptionRegistry,
} from "../store.ts";
import type { Topic } from "../types.ts";
import { type SqliteDatabase, type SqlStatement, statementCache } from "./database.ts";
import { topicFromKey, topicKey } from "./topicKey.ts";

interface SubscriptionRow {
  platform: Platform;
  channel_id: string;
  channel_name: string | null;
  topic: string;
  scope: string;
  created_at: string;
  created_by_platform: Platform;
  created_by_id: string;
  created_by_name: string | null;
  suspended_at: string | null;
  suspended_reason: string | null;
}

const cancelUnwanted = `
  UPDATE deliveries SET status = 'cancelled', last_error = 'unsubscribed', finished_at = @at,
    lease_until = NULL, lease_token = NULL
  WHERE platform = @platform AND channel_id = @channelId AND status = 'pending'
    AND NOT EXISTS (
      SELECT 1 FROM subscriptions s JOIN notices n ON n.id = deliveries.notice_id
      WHERE s.platform = deliveries.platform AND s.channel_id = deliveries.channel_id
        AND s.suspended_at IS NULL AND (s.topic = '*' OR s.topic = n.entity_id))`;

/** The subscriptions table, in SQLite. */
export class SqliteSubscriptionRegistry implements SubscriptionRegistry {
  readonly #db: SqliteDatabase;
  readonly #sql: (sql: string) => SqlStatement;

  constructor(db: SqliteDatabase, sql: (sql: string) => SqlStatement = statementCache(db)) {
    this.#db = db;
    this.#sql = sql;
  }

  async subscribe(subscription: NewSubscription): Promise<SubscribeOutcome> {
    const { channel, topic, scope, by, at } = subscription;
    const key = { platform: channel.platform, channelId: channel.id, topic: topicKey(topic) };
    return this.#db.transaction((): SubscribeOutcome => {
      const existing = this.#sql(`SELECT suspended_at FROM subscriptions
          WHERE platform = @platform AND channel_id = @channelId AND topic = @topic`).get(key) as
        | { suspended_at: string | null }
        | undefined;
      if (existing && existing.suspended_at === null) return "existing";
      if (existing) {
        this.#sql(`UPDATE subscriptions SET suspended_at = NULL, suspended_reason = NULL, scope = @scope,
              channel_name = coalesce(@name, channel_name)
            WHERE platform = @platform AND channel_id = @channelId AND topic = @topic`).run({
          ...key,
          scope,
          name: channel.name ?? null,
        });
        return "resumed";
      }
      this.#sql(`INSERT INTO subscriptions (platform, channel_id, channel_name, topic, scope, created_at,
            created_by_platform, created_by_id, created_by_name)
          VALUES (@platform, @channelId, @name, @topic, @scope, @at, @byPlatform, @byId, @byName)`).run({
        ...key,
        name: channel.name ?? null,
        scope,
        at: at.toISOString(),
        byPlatform: by.platform,
        byId: by.id,
        byName: by.name ?? null,
      });
      return "created";
    })();
  }

  async unsubscribe(channel: ChannelRef, target: Topic | "everything", at: Date): Promise<Topic[]> {
    const params = { platform: channel.platform, channelId: channel.id, at: at.toISOString() };
    return this.#db.transaction(() => {
      const removed = (
        target === "everything"
          ? this.#sql(`DELETE FROM subscriptions WHERE platform = @platform AND channel_id = @channelId
                RETURNING topic`).all(params)
          : this.#sql(`DELETE FROM subscriptions
                WHERE platform = @platform AND channel_id = @channelId AND topic = @topic RETURNING topic`).all(
              { ...params, topic: topicKey(target) },
            )
      ) as { topic: string }[];
      if (removed.length > 0) this.#sql(cancelUnwanted).run(params);
      return removed.map((row) => topicFromKey(row.topic));
    })();
  }

  async audienceOf(entityId: string): Promise<number> {
    const row = this.#sql(`SELECT count(*) AS channels FROM (SELECT DISTINCT platform, channel_id
        FROM subscriptions WHERE suspended_at IS NULL AND (topic = '*' OR topic = ?))`).get(entityId) as {
      channels: number;
    };
    return row.channels;
  }

  async subscriptionsOf(channel: ChannelRef): Promise<SubscriptionRecord[]> {
    const params = { platform: channel.platform, channelId: channel.id };
    const rows = this.#sql(`SELECT * FROM subscriptions WHERE platform = @platform AND channel_id = @channelId
        ORDER BY created_at, topic`).all(params) as SubscriptionRow[];
    const lastOf = this.#sql(`
      SELECT d.notice_id, d.finished_at, d.last_error FROM deliveries d JOIN notices n ON n.id = d.notice_id
      WHERE d.platform = @platform AND d.channel_id = @channelId AND d.status = @status
        AND (@topic = '*' OR n.entity_id = @topic)
      ORDER BY d.finished_at DESC, d.seq DESC LIMIT 1`);
    const holdOf = this.#sql("SELECT reason, since FROM holds WHERE scope = ?");
    return rows.map((row) => {
      type Last = { notice_id: string; finished_at: string; last_error: string | null } | undefined;
      const sent = lastOf.get({ ...params, topic: row.topic, status: "sent" }) as Last;
      const failed = lastOf.get({ ...params, topic: row.topic, status: "failed" }) as Last;
      const hold = holdOf.get(row.scope) as { reason: string; since: string } | undefined;
      const record: SubscriptionRecord = {
        channel: {
          platform: row.platform,
          id: row.channel_id,
          ...(row.channel_name ? { name: row.channel_name } : {}),
        },
        topic: topicFromKey(row.topic),
        createdAt: row.created_at,
        createdBy: {
          platform: row.created_by_platform,
          id: row.created_by_id,
          ...(row.created_by_name ? { name: row.created_by_name } : {}),
        },
      };
      if (sent) record.lastDelivered = { noticeId: sent.notice_id, at: sent.finished_at };
      if (failed)
        record.lastFailed = {
          noticeId: failed.notice_id,
          reason: failed.last_error ?? "",
          at: failed.finished_at,
        };
      if (row.suspended_at) record.suspended = { reason: row.suspended_reason ?? "", at: row.suspended_at };
      if (hold) record.held = hold;
      return record;
    });
  }
}
