import type pg from "pg";
import type { FeedItemOutcome, FeedLog, FeedPollOutcome, FeedRecord } from "../../news/feedLog.ts";
import {
  CLAIM_ITEM_SQL,
  CLAIM_POLL_SQL,
  FEED_RECORDS_SQL,
  type FeedRow,
  FINISH_ITEM_SQL,
  feedRecordOf,
  finishValues,
  RECORD_POLL_SQL,
} from "../sqlite/feeds.ts";

const $ = (n: number) => `$${n}`;

/**
 * The feed log in PostgreSQL: SQLite's statements. Each claim is one INSERT … ON CONFLICT DO UPDATE
 * … WHERE, which PostgreSQL runs under the row's lock: of two instances claiming one item at once,
 * the second sees the first's claim and changes nothing.
 */
export class PostgresFeedLog implements FeedLog {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async claimFeedPoll(url: string, now: number, everyMs: number): Promise<boolean> {
    const result = await this.#pool.query(CLAIM_POLL_SQL($), [url, now + everyMs, now]);
    return (result.rowCount ?? 0) > 0;
  }

  async recordFeedPoll(url: string, at: Date, outcome: FeedPollOutcome): Promise<void> {
    const when = at.toISOString();
    await this.#pool.query(RECORD_POLL_SQL($), [url, when, outcome.read ? when : null, outcome.error]);
  }

  async claimFeedItem(
    url: string,
    itemKey: string,
    now: number,
    options: { maxAttempts: number; staleMs: number },
  ): Promise<boolean> {
    const result = await this.#pool.query(CLAIM_ITEM_SQL($), [
      url,
      itemKey,
      now,
      options.maxAttempts,
      now - options.staleMs,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async finishFeedItem(url: string, itemKey: string, outcome: FeedItemOutcome, at: Date): Promise<void> {
    await this.#pool.query(FINISH_ITEM_SQL($), [url, itemKey, ...finishValues(outcome, at)]);
  }

  async feedRecords(): Promise<FeedRecord[]> {
    const { rows } = await this.#pool.query<FeedRow>(FEED_RECORDS_SQL);
    return rows.map(feedRecordOf);
  }
}
