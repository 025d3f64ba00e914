import type { FeedRecord } from "../news/feedLog.ts";
import { readStore } from "./readStore.ts";

/**
 * `brief feeds`: what the bot's store records of its feeds (see `readStore`). No store, or one the
 * bot has not yet given the feed tables, reads as no feed polled yet.
 */
export async function readFeedRecords(where: {
  dbPath: string;
  databaseUrl?: string | undefined;
}): Promise<{ where: string; records: FeedRecord[]; recorded: boolean }> {
  const read = await readStore(
    where,
    "feeds",
    async (db) => {
      const [{ SqliteFeedLog }, { statementCache }] = await Promise.all([
        import("../subscriptions/sqlite/feeds.ts"),
        import("../subscriptions/sqlite/database.ts"),
      ]);
      return new SqliteFeedLog(statementCache(db)).feedRecords();
    },
    (store) => store.feedRecords(),
  );
  return read.kind === "read"
    ? { where: read.where, records: read.value, recorded: true }
    : { where: read.where, records: [], recorded: false };
}
