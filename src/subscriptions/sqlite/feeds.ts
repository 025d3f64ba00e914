import type { FeedItemOutcome, FeedLog, FeedPollOutcome, FeedRecord } from "../../news/feedLog.ts";
import type { SqlStatement } from "./database.ts";

/**
 * The feed poller's tables (src/news/feeds.ts): one row per feed, with when it may next be fetched
 * (epoch ms) and how its last fetch went; one row per item claimed, keyed by the feed and the item's
 * id, so that an item is drafted once. Shared with PostgreSQL, whose types these are too.
 */
export const FEED_TABLES = `
  CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    next_poll_at BIGINT NOT NULL,
    last_polled_at TEXT,
    last_success_at TEXT,
    last_error TEXT
  );

  CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    item_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'drafted', 'failed')),
    attempts INTEGER NOT NULL,
    claimed_at BIGINT NOT NULL,
    finished_at TEXT,
    draft_id TEXT,
    error TEXT,
    PRIMARY KEY (feed_url, item_key)
  );
`;

type Placeholder = (n: number) => string;

/** The first claim of a feed's poll, or the next once its time has come; one row changed is the claim. */
export const CLAIM_POLL_SQL = (p: Placeholder) => `
  INSERT INTO feeds (url, next_poll_at) VALUES (${p(1)}, ${p(2)})
  ON CONFLICT (url) DO UPDATE SET next_poll_at = excluded.next_poll_at
  WHERE feeds.next_poll_at <= ${p(3)}`;

export const RECORD_POLL_SQL = (p: Placeholder) => `
  INSERT INTO feeds (url, next_poll_at, last_polled_at, last_success_at, last_error)
  VALUES (${p(1)}, 0, ${p(2)}, ${p(3)}, ${p(4)})
  ON CONFLICT (url) DO UPDATE SET last_polled_at = excluded.last_polled_at,
    last_success_at = COALESCE(excluded.last_success_at, feeds.last_success_at),
    last_error = excluded.last_error`;

/**
 * One statement, so the claim is atomic in both stores: a new item is inserted; a known one is taken
 * again only when its drafting failed (and tries are left) or its claim went stale.
 */
export const CLAIM_ITEM_SQL = (p: Placeholder) => `
  INSERT INTO feed_items (feed_url, item_key, status, attempts, claimed_at)
  VALUES (${p(1)}, ${p(2)}, 'claimed', 1, ${p(3)})
  ON CONFLICT (feed_url, item_key) DO UPDATE SET status = 'claimed',
    attempts = feed_items.attempts + 1, claimed_at = excluded.claimed_at
  WHERE (feed_items.status = 'failed' AND feed_items.attempts < ${p(4)})
    OR (feed_items.status = 'claimed' AND feed_items.claimed_at <= ${p(5)})`;

export const FINISH_ITEM_SQL = (p: Placeholder) => `
  UPDATE feed_items SET status = ${p(3)}, draft_id = ${p(4)}, error = ${p(5)}, finished_at = ${p(6)}
  WHERE feed_url = ${p(1)} AND item_key = ${p(2)}`;

export const FEED_RECORDS_SQL = `
  SELECT f.url, f.last_polled_at, f.last_success_at, f.last_error,
    (SELECT count(*) FROM feed_items i WHERE i.feed_url = f.url) AS items
  FROM feeds f ORDER BY f.url`;

export interface FeedRow {
  url: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  items: number | string;
}

export const feedRecordOf = (row: FeedRow): FeedRecord => ({
  url: row.url,
  lastPolledAt: row.last_polled_at,
  lastSuccessAt: row.last_success_at,
  lastError: row.last_error,
  itemsSeen: Number(row.items),
});

/** The values of FINISH_ITEM_SQL after the feed and item. */
export const finishValues = (outcome: FeedItemOutcome, at: Date) =>
  outcome.kind === "drafted"
    ? ["drafted", outcome.draftId, null, at.toISOString()]
    : ["failed", null, outcome.reason, at.toISOString()];

const q = (n: number) => `@p${n}`;
/** The values for `@p1`, `@p2`, …, in order. */
const named = (...values: unknown[]) => Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value]));

/** The feed log in SQLite: one connection, each claim one statement. */
export class SqliteFeedLog implements FeedLog {
  readonly #sql: (sql: string) => SqlStatement;

  constructor(sql: (sql: string) => SqlStatement) {
    this.#sql = sql;
  }

  async claimFeedPoll(url: string, now: number, everyMs: number): Promise<boolean> {
    return this.#sql(CLAIM_POLL_SQL(q)).run(named(url, now + everyMs, now)).changes > 0;
  }

  async recordFeedPoll(url: string, at: Date, outcome: FeedPollOutcome): Promise<void> {
    const when = at.toISOString();
    this.#sql(RECORD_POLL_SQL(q)).run(named(url, when, outcome.read ? when : null, outcome.error));
  }

  async claimFeedItem(
    url: string,
    itemKey: string,
    now: number,
    options: { maxAttempts: number; staleMs: number },
  ): Promise<boolean> {
    return (
      this.#sql(CLAIM_ITEM_SQL(q)).run(named(url, itemKey, now, options.maxAttempts, now - options.staleMs))
        .changes > 0
    );
  }

  async finishFeedItem(url: string, itemKey: string, outcome: FeedItemOutcome, at: Date): Promise<void> {
    this.#sql(FINISH_ITEM_SQL(q)).run(named(url, itemKey, ...finishValues(outcome, at)));
  }

  async feedRecords(): Promise<FeedRecord[]> {
    return (this.#sql(FEED_RECORDS_SQL).all() as FeedRow[]).map(feedRecordOf);
  }
}
