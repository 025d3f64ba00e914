import { FEED_TABLES } from "../sqlite/feeds.ts";
import { CURATOR_TABLES, type Migration } from "../sqlite/migrations.ts";

/**
 * The PostgreSQL schema, in order: the same tables as SQLite's, with epoch-millisecond columns as
 * BIGINT. Versions only grow; a released migration is never edited.
 */
export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: "subscriptions, announcements, outbox, holds, chat updates, budgets, inbound event ids",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE subscriptions (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        channel_name TEXT,
        topic TEXT NOT NULL,
        scope TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_platform TEXT NOT NULL,
        created_by_id TEXT NOT NULL,
        created_by_name TEXT,
        suspended_at TEXT,
        suspended_reason TEXT,
        PRIMARY KEY (platform, channel_id, topic)
      );
      CREATE INDEX subscriptions_by_topic ON subscriptions (topic) WHERE suspended_at IS NULL;

      CREATE TABLE announced (
        entity_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        state TEXT NOT NULL,
        notice_id TEXT,
        announced_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        entity_id TEXT NOT NULL,
        version INTEGER,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        CONSTRAINT notices_one_per_change UNIQUE (entity_id, version)
      );

      CREATE TABLE deliveries (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        notice_id TEXT NOT NULL REFERENCES notices (id),
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        channel_name TEXT,
        scope TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at BIGINT NOT NULL,
        lease_until BIGINT,
        lease_token TEXT,
        lease_owner TEXT,
        last_error TEXT,
        message_id TEXT,
        finished_at TEXT,
        sent_ms BIGINT,
        open_try INTEGER NOT NULL DEFAULT 0,
        in_doubt INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX deliveries_due ON deliveries (due_at, seq) WHERE status = 'pending';
      CREATE INDEX deliveries_by_channel ON deliveries (platform, channel_id);
      CREATE INDEX deliveries_pending_by_channel ON deliveries (platform, channel_id, seq) WHERE status = 'pending';
      CREATE INDEX deliveries_sent_by_channel ON deliveries (platform, channel_id, sent_ms) WHERE sent_ms IS NOT NULL;
      CREATE INDEX deliveries_by_owner ON deliveries (lease_owner) WHERE lease_owner IS NOT NULL;

      CREATE TABLE holds (
        scope TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        since TEXT NOT NULL,
        probe_at BIGINT NOT NULL
      );

      CREATE TABLE chat_updates (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        entity_id TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT NOT NULL,
        url TEXT,
        by_platform TEXT NOT NULL,
        by_id TEXT NOT NULL,
        by_name TEXT,
        at TEXT NOT NULL
      );

      CREATE TABLE rate_budgets (key TEXT PRIMARY KEY, next_at BIGINT NOT NULL);

      CREATE TABLE inbound_events (id TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
      CREATE INDEX inbound_events_by_age ON inbound_events (seen_at);
    `,
  },
  {
    version: 2,
    name: "chat updates waiting for their confirm",
    sql: `
      CREATE TABLE held_updates (key TEXT PRIMARY KEY, body TEXT NOT NULL, expires_at BIGINT NOT NULL);
    `,
  },
  {
    version: 3,
    name: "questions the base could not answer, answers shown with feedback buttons, votes on them",
    sql: CURATOR_TABLES,
  },
  {
    version: 4,
    name: "feeds polled and the items drafted from them",
    sql: FEED_TABLES,
  },
];
