import { randomUUID } from "node:crypto";
import pg from "pg";
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
import type { Migration } from "../sqlite/migrations.ts";
import { supersededReason } from "../sqlite/outbox.ts";
import { topicFromKey, topicKey } from "../sqlite/topicKey.ts";
import type {
  AnnouncedStatus,
  Announcement,
  Announcements,
  AnnounceResult,
  NewSubscription,
  SubscribeOutcome,
  SubscriptionRecord,
  SubscriptionStore,
} from "../store.ts";
import type { Topic } from "../types.ts";
import { PostgresCuratorLog } from "./curator.ts";
import { PostgresFeedLog } from "./feeds.ts";
import { postgresMigrations } from "./migrations.ts";

/** Any one number: every instance migrating the same database takes this advisory lock first. */
const MIGRATION_LOCK = 7_311_905_011;

/** BIGINT columns (epoch ms, sequence numbers, counts) come back as numbers, not strings. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** The database's schema is newer than this code, which would misread it. */
export class SchemaTooNewError extends Error {}

/**
 * Opens the PostgreSQL `SubscriptionStore` at `url` (postgres://…), migrating the database first
 * under an advisory lock, so several instances starting at once migrate it exactly once. `schema`
 * puts the tables in a schema of their own (it is created if missing).
 */
export async function openPostgresSubscriptionStore(
  url: string,
  options: { schema?: string; poolSize?: number } = {},
): Promise<SubscriptionStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 6,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection that drops (a database restart) must not crash the process.
  pool.on("error", () => {});
  try {
    await migratePostgres(pool, postgresMigrations, options.schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresSubscriptionStore(pool);
}

/** Applies the migrations newer than the database, each in its own transaction, under the advisory lock. */
export async function migratePostgres(
  pool: pg.Pool,
  schema: Migration[],
  inSchema?: string,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      if (inSchema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${inSchema.replace(/"/g, "")}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const { rows } = await client.query<{ version: number | null }>(
        "SELECT max(version) AS version FROM schema_migrations",
      );
      const current = rows[0]?.version ?? 0;
      const latest = schema.reduce((max, migration) => Math.max(max, migration.version), 0);
      if (current > latest)
        throw new SchemaTooNewError(
          `database schema is version ${current}, newer than this code (${latest})`,
        );
      for (const migration of [...schema].sort((a, b) => a.version - b.version)) {
        if (migration.version <= current) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            [migration.version, migration.name, new Date().toISOString()],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
      return latest;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

interface ClaimedRow {
  seq: number;
  id: string;
  notice_id: string;
  platform: Platform;
  channel_id: string;
  channel_name: string | null;
  scope: string;
  attempts: number;
  in_doubt: number;
}

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

interface ChatUpdateRow {
  id: string;
  entity_id: string;
  state: State;
  reason: string;
  url: string | null;
  by_platform: Platform;
  by_id: string;
  by_name: string | null;
  at: string;
}

/**
 * $1 now, $2 platforms (text[]), $3 pace interval: a delivery `d` that may be claimed now (the same
 * rule as SQLite's: due, unleased, its channel's oldest pending one, its channel's pace passed).
 */
const claimable = `d.status = 'pending' AND d.due_at <= $1::bigint
  AND (d.lease_until IS NULL OR d.lease_until <= $1::bigint)
  AND d.platform = ANY($2::text[])
  AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.platform = d.platform AND e.channel_id = d.channel_id
    AND e.status = 'pending' AND e.seq < d.seq)
  AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.platform = d.platform AND e.channel_id = d.channel_id
    AND e.sent_ms > $1::bigint - $3::bigint)`;
/** $4 lease until, $5 token, $6 owner. */
const claimSet = `attempts = deliveries.attempts + 1, lease_until = $4, lease_token = $5, lease_owner = $6,
  in_doubt = deliveries.open_try, open_try = 0`;
const returning = `RETURNING deliveries.seq, deliveries.id, deliveries.notice_id, deliveries.platform,
  deliveries.channel_id, deliveries.channel_name, deliveries.scope, deliveries.attempts, deliveries.in_doubt`;
/** An outcome was recorded: the lease ends and the try is settled. */
const released = "lease_until = NULL, lease_token = NULL, lease_owner = NULL, open_try = 0";
/** A dead process's lease is freed: its try stays unsettled, so the next claim knows it is in doubt. */
const lapsed = "lease_until = NULL, lease_token = NULL, lease_owner = NULL";

const fanOut = `
  INSERT INTO deliveries (id, notice_id, platform, channel_id, channel_name, scope, due_at)
  SELECT substr(replace(gen_random_uuid()::text, '-', ''), 1, 24), $1, platform, channel_id, max(channel_name),
    min(scope), $3
  FROM subscriptions
  WHERE suspended_at IS NULL AND (topic = '*' OR topic = $2)
  GROUP BY platform, channel_id`;

const upsertAnnounced = `
  INSERT INTO announced (entity_id, key, state, notice_id, announced_at, version)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (entity_id) DO UPDATE SET key = excluded.key, state = excluded.state,
    notice_id = excluded.notice_id, announced_at = excluded.announced_at, version = excluded.version`;

const cancelUnwanted = `
  UPDATE deliveries SET status = 'cancelled', last_error = 'unsubscribed', finished_at = $3,
    lease_until = NULL, lease_token = NULL, lease_owner = NULL
  WHERE platform = $1 AND channel_id = $2 AND status = 'pending'
    AND NOT EXISTS (
      SELECT 1 FROM subscriptions s JOIN notices n ON n.id = deliveries.notice_id
      WHERE s.platform = deliveries.platform AND s.channel_id = deliveries.channel_id
        AND s.suspended_at IS NULL AND (s.topic = '*' OR s.topic = n.entity_id))`;

/** True for a unique-key violation: another instance wrote the same row first. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "23505";
}

/** The PostgreSQL store: every method is one statement or one transaction, safe across instances. */
class PostgresSubscriptionStore implements SubscriptionStore {
  readonly kind = "postgres" as const;
  readonly #pool: pg.Pool;
  #closed = false;

  readonly #curator: PostgresCuratorLog;
  readonly #feeds: PostgresFeedLog;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#curator = new PostgresCuratorLog(pool, (work) => this.#transaction(work));
    this.#feeds = new PostgresFeedLog(pool);
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

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async subscribe(subscription: NewSubscription): Promise<SubscribeOutcome> {
    const { channel, topic, scope, by, at } = subscription;
    const key = [channel.platform, channel.id, topicKey(topic)];
    return this.#transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO subscriptions (platform, channel_id, channel_name, topic, scope, created_at,
            created_by_platform, created_by_id, created_by_name)
          VALUES ($1, $2, $4, $3, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [...key, channel.name ?? null, scope, at.toISOString(), by.platform, by.id, by.name ?? null],
      );
      if (inserted.rowCount === 1) return "created";
      const resumed = await client.query(
        `UPDATE subscriptions SET suspended_at = NULL, suspended_reason = NULL, scope = $4,
            channel_name = coalesce($5, channel_name)
          WHERE platform = $1 AND channel_id = $2 AND topic = $3 AND suspended_at IS NOT NULL`,
        [...key, scope, channel.name ?? null],
      );
      return resumed.rowCount === 1 ? "resumed" : "existing";
    });
  }

  async unsubscribe(channel: ChannelRef, target: Topic | "everything", at: Date): Promise<Topic[]> {
    return this.#transaction(async (client) => {
      const removed =
        target === "everything"
          ? await client.query<{ topic: string }>(
              "DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2 RETURNING topic",
              [channel.platform, channel.id],
            )
          : await client.query<{ topic: string }>(
              "DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2 AND topic = $3 RETURNING topic",
              [channel.platform, channel.id, topicKey(target)],
            );
      if (removed.rows.length > 0)
        await client.query(cancelUnwanted, [channel.platform, channel.id, at.toISOString()]);
      return removed.rows.map((row) => topicFromKey(row.topic));
    });
  }

  async subscriptionsOf(channel: ChannelRef): Promise<SubscriptionRecord[]> {
    const params = [channel.platform, channel.id];
    const { rows } = await this.#pool.query<SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 ORDER BY created_at, topic",
      params,
    );
    const lastOf = async (topic: string, status: string) =>
      (
        await this.#pool.query<{ notice_id: string; finished_at: string; last_error: string | null }>(
          `SELECT d.notice_id, d.finished_at, d.last_error FROM deliveries d JOIN notices n ON n.id = d.notice_id
          WHERE d.platform = $1 AND d.channel_id = $2 AND d.status = $4 AND ($3 = '*' OR n.entity_id = $3)
          ORDER BY d.finished_at DESC, d.seq DESC LIMIT 1`,
          [...params, topic, status],
        )
      ).rows[0];
    const records: SubscriptionRecord[] = [];
    for (const row of rows) {
      const sent = await lastOf(row.topic, "sent");
      const failed = await lastOf(row.topic, "failed");
      const hold = (
        await this.#pool.query<{ reason: string; since: string }>(
          "SELECT reason, since FROM holds WHERE scope = $1",
          [row.scope],
        )
      ).rows[0];
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
      records.push(record);
    }
    return records;
  }

  async audienceOf(entityId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ channels: string }>(
      `SELECT count(*) AS channels FROM (SELECT DISTINCT platform, channel_id FROM subscriptions
        WHERE suspended_at IS NULL AND (topic = '*' OR topic = $1)) AS audience`,
      [entityId],
    );
    return Number(rows[0]?.channels ?? 0);
  }

  async announcements(db: Queryable = this.#pool): Promise<Announcements> {
    const baseline = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'baseline_at'");
    const { rows } = await db.query<{
      entity_id: string;
      key: string;
      state: State;
      notice_id: string | null;
      announced_at: string;
    }>("SELECT * FROM announced");
    const statuses = new Map<string, AnnouncedStatus>();
    for (const row of rows)
      statuses.set(row.entity_id, {
        entityId: row.entity_id,
        key: row.key,
        state: row.state,
        noticeId: row.notice_id,
        at: row.announced_at,
      });
    return { baselineAt: baseline.rows[0]?.value ?? null, statuses };
  }

  async recordBaseline(
    statuses: { entityId: string; key: string; state: State }[],
    at: Date,
  ): Promise<boolean> {
    return this.#transaction(async (client) => {
      const inserted = await client.query(
        "INSERT INTO meta (key, value) VALUES ('baseline_at', $1) ON CONFLICT (key) DO NOTHING",
        [at.toISOString()],
      );
      if (inserted.rowCount === 0) return false;
      for (const status of statuses)
        await client.query(upsertAnnounced, [
          status.entityId,
          status.key,
          status.state,
          null,
          at.toISOString(),
          0,
        ]);
      return true;
    });
  }

  async announce(announcement: Announcement): Promise<AnnounceResult> {
    const { notice, key, expectedKey, dueAt } = announcement;
    const entityId = notice.entity.id;
    try {
      return await this.#transaction(async (client): Promise<AnnounceResult> => {
        const current = (
          await client.query<{ key: string; version: number }>(
            "SELECT key, version FROM announced WHERE entity_id = $1 FOR UPDATE",
            [entityId],
          )
        ).rows[0];
        if ((current?.key ?? null) !== expectedKey) return { kind: "conflict" };
        const version = (current?.version ?? 0) + 1;
        await client.query(
          "INSERT INTO notices (id, entity_id, version, created_at, body) VALUES ($1, $2, $3, $4, $5)",
          [notice.id, entityId, version, notice.createdAt, JSON.stringify(notice)],
        );
        await client.query(upsertAnnounced, [entityId, key, notice.to, notice.id, notice.createdAt, version]);
        const fannedOut = await client.query(fanOut, [notice.id, entityId, dueAt]);
        return { kind: "announced", deliveries: fannedOut.rowCount ?? 0 };
      });
    } catch (error) {
      // Two instances announcing a first notice for an entity at once: the unique key lets one in.
      if (isUniqueViolation(error)) return { kind: "conflict" };
      throw error;
    }
  }

  async syncView(): Promise<{ announcements: Announcements; chatUpdates: ChatStatusUpdate[] }> {
    return this.#transaction(
      async (client) => ({
        announcements: await this.announcements(client),
        chatUpdates: await this.chatUpdates(client),
      }),
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  }

  async addChatUpdate(update: ChatStatusUpdate): Promise<void> {
    await this.#pool.query(
      `INSERT INTO chat_updates (id, entity_id, state, reason, url, by_platform, by_id, by_name, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        update.id,
        update.entityId,
        update.state,
        update.reason,
        update.url ?? null,
        update.by.platform,
        update.by.id,
        update.by.name ?? null,
        update.at,
      ],
    );
  }

  async holdUpdate(key: string, body: string, expiresAt: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO held_updates (key, body, expires_at) VALUES ($1, $2, $3)
        ON CONFLICT (key) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at`,
      [key, body, expiresAt],
    );
  }

  async takeHeldUpdate(key: string, now: number): Promise<string | null> {
    const { rows } = await this.#pool.query<{ body: string; expires_at: string }>(
      "DELETE FROM held_updates WHERE key = $1 RETURNING body, expires_at",
      [key],
    );
    await this.#pool.query("DELETE FROM held_updates WHERE expires_at < $1", [now]);
    const row = rows[0];
    return row && Number(row.expires_at) >= now ? row.body : null;
  }

  async chatUpdates(db: Queryable = this.#pool): Promise<ChatStatusUpdate[]> {
    const { rows } = await db.query<ChatUpdateRow>("SELECT * FROM chat_updates ORDER BY seq");
    return rows.map((row) => ({
      id: row.id,
      entityId: row.entity_id,
      state: row.state,
      reason: row.reason,
      ...(row.url ? { url: row.url } : {}),
      by: { platform: row.by_platform, id: row.by_id, ...(row.by_name ? { name: row.by_name } : {}) },
      at: row.at,
    }));
  }

  async seenEvent(id: string, now: number, ttlMs: number): Promise<boolean> {
    await this.#pool.query("DELETE FROM inbound_events WHERE seen_at <= $1", [now - ttlMs]);
    const inserted = await this.#pool.query(
      "INSERT INTO inbound_events (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
      [id, now],
    );
    return inserted.rowCount === 0;
  }

  async claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    const token = randomUUID();
    const base = [
      options.now,
      options.platforms,
      options.channelIntervalMs ?? 0,
      options.now + options.leaseMs,
      token,
      options.owner,
    ];
    return this.#transaction(async (client) => {
      const claimed: ClaimedDelivery[] = [];
      const dueHolds = await client.query<{ scope: string }>(
        "SELECT scope FROM holds WHERE probe_at <= $1 FOR UPDATE SKIP LOCKED",
        [options.now],
      );
      for (const { scope } of dueHolds.rows) {
        if (claimed.length >= options.limit) break;
        const probe = await client.query<ClaimedRow>(
          `WITH picked AS (SELECT d.seq FROM deliveries d WHERE ${claimable} AND d.scope = $7
              ORDER BY d.due_at, d.seq LIMIT 1 FOR UPDATE SKIP LOCKED)
            UPDATE deliveries SET ${claimSet} FROM picked WHERE deliveries.seq = picked.seq ${returning}`,
          [...base, scope],
        );
        const row = probe.rows[0];
        if (!row) continue;
        await client.query("UPDATE holds SET probe_at = $1 WHERE scope = $2", [
          options.now + options.leaseMs,
          scope,
        ]);
        claimed.push(toClaimed(row, token, true));
      }
      const { rows } = await client.query<ClaimedRow>(
        `WITH picked AS (SELECT d.seq FROM deliveries d WHERE ${claimable}
            AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.scope = d.scope)
            ORDER BY d.due_at, d.seq LIMIT $7 FOR UPDATE SKIP LOCKED)
          UPDATE deliveries SET ${claimSet} FROM picked WHERE deliveries.seq = picked.seq ${returning}`,
        [...base, options.limit - claimed.length],
      );
      rows.sort((a, b) => a.seq - b.seq);
      for (const row of rows) claimed.push(toClaimed(row, token, false));
      return claimed;
    });
  }

  async beginTry(delivery: ClaimedDelivery): Promise<void> {
    await this.#pool.query("UPDATE deliveries SET open_try = 1 WHERE id = $1 AND lease_token = $2", [
      delivery.id,
      delivery.leaseToken,
    ]);
  }

  async notice(id: string): Promise<StatusChangeNotice | null> {
    const { rows } = await this.#pool.query<{ body: string }>("SELECT body FROM notices WHERE id = $1", [id]);
    return rows[0] ? (JSON.parse(rows[0].body) as StatusChangeNotice) : null;
  }

  async markSent(delivery: ClaimedDelivery, sent: { at: Date; messageId?: string }): Promise<void> {
    const markSent = (db: Queryable) =>
      db.query(
        `UPDATE deliveries SET status = 'sent', finished_at = $1, sent_ms = $2, message_id = $3, last_error = NULL,
            ${released} WHERE id = $4 AND status = 'pending'`,
        [sent.at.toISOString(), sent.at.getTime(), sent.messageId ?? null, delivery.id],
      );
    if (!delivery.probe) {
      await markSent(this.#pool);
      return;
    }
    await this.#transaction(async (client) => {
      await markSent(client);
      await client.query("DELETE FROM holds WHERE scope = $1", [delivery.scope]);
    });
  }

  async scheduleRetry(delivery: ClaimedDelivery, retry: { dueAt: number; reason: string }): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        `UPDATE deliveries SET due_at = $3, last_error = $4, ${released}
          WHERE id = $1 AND lease_token = $2 AND status = 'pending'`,
        [delivery.id, delivery.leaseToken, retry.dueAt, retry.reason],
      );
      await this.#endProbe(client, delivery, retry.dueAt);
    });
  }

  async markFailed(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void> {
    await this.#transaction(async (client) => {
      await this.#finish(client, delivery, failure);
      await this.#endProbe(client, delivery, failure.at.getTime());
    });
  }

  async suspendChannel(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void> {
    const { platform, id: channelId } = delivery.channel;
    const at = failure.at.toISOString();
    await this.#transaction(async (client) => {
      await this.#finish(client, delivery, failure);
      await client.query(
        `UPDATE subscriptions SET suspended_at = $3, suspended_reason = $4
          WHERE platform = $1 AND channel_id = $2 AND suspended_at IS NULL`,
        [platform, channelId, at, failure.reason],
      );
      await client.query(
        `UPDATE deliveries SET status = 'cancelled', finished_at = $3, last_error = 'channel suspended: ' || $4,
            ${released}
          WHERE platform = $1 AND channel_id = $2 AND status = 'pending' AND id <> $5`,
        [platform, channelId, at, failure.reason, delivery.id],
      );
      await this.#endProbe(client, delivery, failure.at.getTime());
    });
  }

  async holdScope(
    delivery: ClaimedDelivery,
    hold: { scope: string; reason: string; at: Date; probeAt: number },
  ): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query(
        `INSERT INTO holds (scope, reason, since, probe_at) VALUES ($1, $2, $3, $4)
          ON CONFLICT (scope) DO UPDATE SET reason = excluded.reason, probe_at = excluded.probe_at`,
        [hold.scope, hold.reason, hold.at.toISOString(), hold.probeAt],
      );
      await this.#release(client, delivery, hold.probeAt, hold.reason);
    });
  }

  async release(delivery: ClaimedDelivery, dueAt: number): Promise<void> {
    await this.#release(this.#pool, delivery, dueAt, null);
  }

  async nextDueAt(platforms: Platform[]): Promise<number | null> {
    const { rows } = await this.#pool.query<{ next: number | null }>(
      `SELECT min(greatest(d.due_at, coalesce(d.lease_until, 0), coalesce(h.probe_at, 0))) AS next
        FROM deliveries d LEFT JOIN holds h ON h.scope = d.scope
        WHERE d.status = 'pending' AND d.platform = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.platform = d.platform
            AND e.channel_id = d.channel_id AND e.status = 'pending' AND e.seq < d.seq)`,
      [platforms],
    );
    return rows[0]?.next ?? null;
  }

  async releaseLeasesOf(owner: string): Promise<number> {
    const released_ = await this.#pool.query(
      `UPDATE deliveries SET ${lapsed} WHERE lease_owner = $1 AND status = 'pending'`,
      [owner],
    );
    return released_.rowCount ?? 0;
  }

  async renewLeases(owner: string, leaseUntil: number): Promise<void> {
    await this.#pool.query(
      `UPDATE deliveries SET lease_until = $2 WHERE lease_owner = $1 AND status = 'pending'
        AND lease_token IS NOT NULL`,
      [owner, leaseUntil],
    );
  }

  async dropIfSuperseded(delivery: ClaimedDelivery, at: Date): Promise<boolean> {
    return this.#transaction(async (client) => {
      const newer = await client.query(
        `SELECT 1 FROM deliveries d JOIN notices n ON n.id = d.notice_id
          JOIN deliveries mine ON mine.id = $1 JOIN notices old ON old.id = mine.notice_id
          WHERE d.platform = mine.platform AND d.channel_id = mine.channel_id AND d.seq > mine.seq
            AND d.status IN ('pending', 'sent') AND n.entity_id = old.entity_id LIMIT 1`,
        [delivery.id],
      );
      if (newer.rows.length === 0) return false;
      const dropped = await client.query(
        `UPDATE deliveries SET status = 'cancelled', finished_at = $3, last_error = $4, ${released}
          WHERE id = $1 AND lease_token = $2 AND status = 'pending'`,
        [delivery.id, delivery.leaseToken, at.toISOString(), supersededReason],
      );
      await this.#endProbe(client, delivery, at.getTime());
      return (dropped.rowCount ?? 0) > 0;
    });
  }

  async reserveSlots(key: string, count: number, intervalMs: number, now: number): Promise<number> {
    const span = Math.max(0, count) * Math.max(0, intervalMs);
    if (span === 0) return now;
    const { rows } = await this.#pool.query<{ start: number }>(
      `INSERT INTO rate_budgets (key, next_at) VALUES ($1, $2::bigint + $3::bigint)
        ON CONFLICT (key) DO UPDATE SET next_at = greatest(rate_budgets.next_at, $2::bigint) + $3::bigint
        RETURNING next_at - $3::bigint AS start`,
      [key, Math.round(now), Math.round(span)],
    );
    return rows[0]?.start ?? now;
  }

  async holdBudget(key: string, until: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO rate_budgets (key, next_at) VALUES ($1, $2::bigint)
        ON CONFLICT (key) DO UPDATE SET next_at = greatest(rate_budgets.next_at, $2::bigint)`,
      [key, Math.round(until)],
    );
  }

  async outboxStats(): Promise<OutboxStats> {
    const { rows } = await this.#pool.query<{ depth: string; oldest_at: string | null }>(
      `SELECT count(*) AS depth, min(n.created_at) AS oldest_at FROM deliveries d
        JOIN notices n ON n.id = d.notice_id WHERE d.status = 'pending'`,
    );
    return { depth: Number(rows[0]?.depth ?? 0), oldestAt: rows[0]?.oldest_at ?? null };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #finish(
    db: Queryable,
    delivery: ClaimedDelivery,
    failure: { at: Date; reason: string },
  ): Promise<void> {
    await db.query(
      `UPDATE deliveries SET status = 'failed', finished_at = $3, last_error = $4, ${released}
        WHERE id = $1 AND lease_token = $2 AND status = 'pending'`,
      [delivery.id, delivery.leaseToken, failure.at.toISOString(), failure.reason],
    );
  }

  async #release(
    db: Queryable,
    delivery: ClaimedDelivery,
    dueAt: number,
    reason: string | null,
  ): Promise<void> {
    await db.query(
      `UPDATE deliveries SET attempts = greatest(0, attempts - 1), due_at = $3, last_error = coalesce($4, last_error),
          ${released} WHERE id = $1 AND lease_token = $2 AND status = 'pending'`,
      [delivery.id, delivery.leaseToken, dueAt, reason],
    );
  }

  async #endProbe(db: Queryable, delivery: ClaimedDelivery, probeAt: number): Promise<void> {
    if (delivery.probe)
      await db.query("UPDATE holds SET probe_at = $1 WHERE scope = $2", [probeAt, delivery.scope]);
  }
}

function toClaimed(row: ClaimedRow, token: string, probe: boolean): ClaimedDelivery {
  return {
    id: row.id,
    nonce: row.id,
    noticeId: row.notice_id,
    channel: {
      platform: row.platform,
      id: row.channel_id,
      ...(row.channel_name ? { name: row.channel_name } : {}),
    },
    scope: row.scope,
    attempt: row.attempts,
    leaseToken: token,
    probe,
    inDoubt: row.in_doubt === 1,
  };
}
