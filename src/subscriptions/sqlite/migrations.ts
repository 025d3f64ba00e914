import { FEED_TABLES } from "./feeds.ts";

/** One step of the schema. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The curator's loop (src/curator/): unanswered questions counted per wording and base version, no
 * asker kept; answers shown with feedback buttons (what each rested on); one vote per voter hash per
 * answer. Shared with PostgreSQL, whose types these are too.
 */
export const CURATOR_TABLES = `
  CREATE TABLE question_gaps (
    base_version TEXT NOT NULL,
    normalised TEXT NOT NULL,
    group_key TEXT NOT NULL,
    code TEXT NOT NULL,
    unplaced TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (base_version, normalised)
  );
  CREATE INDEX question_gaps_by_group ON question_gaps (base_version, group_key, count);
  CREATE INDEX question_gaps_by_age ON question_gaps (last_seen);

  CREATE TABLE question_gap_groups (
    base_version TEXT NOT NULL,
    group_key TEXT NOT NULL,
    total INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (base_version, group_key)
  );
  CREATE INDEX question_gap_groups_by_total ON question_gap_groups (base_version, total DESC, last_seen DESC);

  CREATE TABLE answers_shown (id TEXT PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX answers_shown_by_age ON answers_shown (at);

  CREATE TABLE answer_votes (
    answer_id TEXT NOT NULL,
    voter_hash TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('helpful', 'wrong')),
    reason TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (answer_id, voter_hash)
  );
  CREATE INDEX answer_votes_by_age ON answer_votes (at);
`;

/**
 * The schema, in order. Times people read are ISO strings; times the dispatcher compares
 * (`due_at`, `lease_until`, `probe_at`) are epoch milliseconds. Topic "*" means every status;
 * entity ids cannot contain it.
 */
export const migrations: Migration[] = [
  {
    version: 1,
    name: "subscriptions, announcements, outbox, holds, chat updates",
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
        announced_at TEXT NOT NULL
      );

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        entity_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL
      );

      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        notice_id TEXT NOT NULL REFERENCES notices (id),
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        channel_name TEXT,
        scope TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        due_at INTEGER NOT NULL,
        lease_until INTEGER,
        lease_token TEXT,
        last_error TEXT,
        message_id TEXT,
        finished_at TEXT
      );
      CREATE INDEX deliveries_due ON deliveries (due_at, seq) WHERE status = 'pending';
      CREATE INDEX deliveries_by_channel ON deliveries (platform, channel_id);

      CREATE TABLE holds (
        scope TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        since TEXT NOT NULL,
        probe_at INTEGER NOT NULL
      );

      CREATE TABLE chat_updates (
        seq INTEGER PRIMARY KEY,
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
    `,
  },
  {
    version: 2,
    name: "lease owners, per-channel order and pace, one notice per change, shared budgets, inbound event ids",
    sql: `
      ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
      ALTER TABLE deliveries ADD COLUMN sent_ms INTEGER;
      ALTER TABLE deliveries ADD COLUMN open_try INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE deliveries ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX deliveries_pending_by_channel ON deliveries (platform, channel_id, seq) WHERE status = 'pending';
      CREATE INDEX deliveries_sent_by_channel ON deliveries (platform, channel_id, sent_ms) WHERE sent_ms IS NOT NULL;
      CREATE INDEX deliveries_by_owner ON deliveries (lease_owner) WHERE lease_owner IS NOT NULL;

      ALTER TABLE announced ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE notices ADD COLUMN version INTEGER;
      CREATE UNIQUE INDEX notices_one_per_change ON notices (entity_id, version);

      CREATE TABLE rate_budgets (key TEXT PRIMARY KEY, next_at INTEGER NOT NULL);

      CREATE TABLE inbound_events (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
      CREATE INDEX inbound_events_by_age ON inbound_events (seen_at);
    `,
  },
  {
    version: 3,
    name: "chat updates waiting for their confirm",
    sql: `
      CREATE TABLE held_updates (key TEXT PRIMARY KEY, body TEXT NOT NULL, expires_at INTEGER NOT NULL);
    `,
  },
  {
    version: 4,
    name: "questions the base could not answer, answers shown with feedback buttons, votes on them",
    sql: CURATOR_TABLES,
  },
  {
    version: 5,
    name: "feeds polled and the items drafted from them",
    sql: FEED_TABLES,
  },
];
