import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import { createTestDatabase, skipPostgres } from "../support/postgres.ts";

const FEED = "https://news.example/rss";
const TRIES = { maxAttempts: 3, staleMs: 10 * 60_000 };
const T0 = Date.parse("2026-12-08T02:00:00Z");

/** The feed log's behaviour, the same on both stores; `open` gives a fresh store, `openTwo` two on one database. */
function feedLogContract(
  name: string,
  open: () => Promise<{ stores: SubscriptionStore[]; close(): Promise<void> }>,
) {
  describe(`the feed log on ${name}`, () => {
    let stores: SubscriptionStore[];
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ stores, close } = await open());
    });
    afterAll(async () => {
      await close();
    });

    it("gives a feed's poll to one caller per interval, the first call included", async () => {
      const [a, b] = stores as [SubscriptionStore, SubscriptionStore];
      expect(await a.claimFeedPoll(FEED, T0, 60_000)).toBe(true);
      expect(await b.claimFeedPoll(FEED, T0 + 1_000, 60_000)).toBe(false);
      const later = await Promise.all([a, b, a, b].map((s) => s.claimFeedPoll(FEED, T0 + 60_000, 60_000)));
      expect(later.filter(Boolean)).toHaveLength(1);
    });

    it("claims each item for exactly one of many callers at once, and never again once drafted", async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (stores[i % stores.length] as SubscriptionStore).claimFeedItem(FEED, "item-1", T0, TRIES),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const [a] = stores as [SubscriptionStore];
      await a.finishFeedItem(
        FEED,
        "item-1",
        { kind: "drafted", draftId: "wire-2026-12-08-port" },
        new Date(T0),
      );
      // Long after, a drafted item stays drafted.
      expect(await a.claimFeedItem(FEED, "item-1", T0 + 86_400_000, TRIES)).toBe(false);
    });

    it("takes a failed item again until its tries are used, and a claim left unfinished once it is stale", async () => {
      const [a, b] = stores as [SubscriptionStore, SubscriptionStore];
      const tries: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        const claimed = await a.claimFeedItem(FEED, "stub", T0 + i, TRIES);
        tries.push(claimed);
        if (claimed)
          await a.finishFeedItem(FEED, "stub", { kind: "failed", reason: "no article text" }, new Date(T0));
      }
      expect(tries).toEqual([true, true, true, false, false]);

      expect(await a.claimFeedItem(FEED, "crashed", T0, TRIES)).toBe(true);
      expect(await b.claimFeedItem(FEED, "crashed", T0 + 60_000, TRIES)).toBe(false);
      expect(await b.claimFeedItem(FEED, "crashed", T0 + TRIES.staleMs, TRIES)).toBe(true);
    });

    it("lists each feed's last poll, last success, items seen and last problem", async () => {
      const [a] = stores as [SubscriptionStore];
      await a.recordFeedPoll(FEED, new Date(T0), { read: true, error: null });
      await a.recordFeedPoll(FEED, new Date(T0 + 60_000), {
        read: false,
        error: "did not answer within 15 s",
      });
      await a.recordFeedPoll("https://other.example/atom", new Date(T0), { read: true, error: null });
      const records = await a.feedRecords();
      expect(records.find((r) => r.url === FEED)).toEqual({
        url: FEED,
        lastPolledAt: new Date(T0 + 60_000).toISOString(),
        lastSuccessAt: new Date(T0).toISOString(),
        lastError: "did not answer within 15 s",
        itemsSeen: 3,
      });
      expect(records.find((r) => r.url !== FEED)).toMatchObject({ itemsSeen: 0, lastError: null });
      await a.recordFeedPoll(FEED, new Date(T0 + 120_000), { read: true, error: null });
      expect((await a.feedRecords()).find((r) => r.url === FEED)?.lastError).toBeNull();
    });
  });
}

feedLogContract("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-feedlog-"));
  const store = openSqliteSubscriptionStore(join(dir, "briefbot.db"));
  return {
    stores: [store, store],
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

if (!skipPostgres)
  feedLogContract("PostgreSQL, two instances", async () => {
    const database = await createTestDatabase();
    const stores = await Promise.all([
      openPostgresSubscriptionStore(database.url),
      openPostgresSubscriptionStore(database.url),
    ]);
    return {
      stores,
      async close() {
        await Promise.all(stores.map((store) => store.close()));
        await database.drop();
      },
    };
  });
