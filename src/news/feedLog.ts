/** What the store keeps of one feed, for `feeds`. */
export interface FeedRecord {
  url: string;
  /** When an instance last fetched it (ISO), or null when none has yet. */
  lastPolledAt: string | null;
  /** When a fetch last read it as a feed (ISO). */
  lastSuccessAt: string | null;
  /** The last fetch's failure, one line; null after a success. */
  lastError: string | null;
  /** Items of the feed the store has claimed, drafted or not. */
  itemsSeen: number;
}

/** How one poll of a feed went. */
export interface FeedPollOutcome {
  read: boolean;
  error: string | null;
}

/** How drafting a claimed item ended. */
export type FeedItemOutcome = { kind: "drafted"; draftId: string } | { kind: "failed"; reason: string };

/**
 * What the feed poller keeps, in the bot's store (SQLite or PostgreSQL, the same tables), so that
 * each item is drafted once across restarts and across instances sharing one PostgreSQL.
 */
export interface FeedLog {
  /**
   * Whether this caller may fetch the feed now (epoch ms): true for one caller among every instance
   * once `everyMs` has passed since the last claimed poll. The first call for a feed claims it.
   */
  claimFeedPoll(url: string, now: number, everyMs: number): Promise<boolean>;
  /**
   * The end of a poll at `at`: `read` when the feed was read as a feed (its last success), and the
   * poll's one-line problem (the feed's, or an item's that was not drafted), or null to clear it.
   */
  recordFeedPoll(url: string, at: Date, outcome: FeedPollOutcome): Promise<void>;
  /**
   * Claims one item for drafting, atomically: true for exactly one caller. An item already drafted
   * is never claimed again; one whose drafting failed is claimed again until `maxAttempts` tries,
   * and one claimed but never finished (its instance died) once `staleMs` has passed.
   */
  claimFeedItem(
    url: string,
    itemKey: string,
    now: number,
    options: { maxAttempts: number; staleMs: number },
  ): Promise<boolean>;
  /** Records how drafting a claimed item ended. */
  finishFeedItem(url: string, itemKey: string, outcome: FeedItemOutcome, at: Date): Promise<void>;
  /** Every feed the store has polled, by URL. */
  feedRecords(): Promise<FeedRecord[]>;
}
