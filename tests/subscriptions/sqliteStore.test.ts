import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/subscriptions/sqlite/migrations.ts";
import { ONE_SHOT_OWNER } from "../../src/subscriptions/sqlite/outbox.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import { describeCuratorLogContract } from "./curatorContract.ts";
import { alice, channel, tempDir } from "./fixtures.ts";
import { describeSubscriptionStoreContract, notice } from "./storeContract.ts";

const sqliteStore = async () => {
  const { dbPath, cleanup } = tempDir();
  const store = openSqliteSubscriptionStore(dbPath);
  return {
    store,
    dispose: async () => {
      await store.close();
      cleanup();
    },
  };
};

describeSubscriptionStoreContract("SQLite", sqliteStore);
describeCuratorLogContract("SQLite", sqliteStore);

describe("the SQLite store's file", () => {
  it("when opened at a path in a missing folder, creates it, uses WAL and records every migration once", async () => {
    const { dbPath, cleanup } = tempDir();
    try {
      await openSqliteSubscriptionStore(dbPath).close();
      const reopened = openSqliteSubscriptionStore(dbPath);
      await reopened.subscribe({
        channel: channel(1),
        topic: { kind: "all" },
        scope: "slack",
        by: alice,
        at: new Date(),
      });
      await reopened.close();
      const db = new Database(dbPath, { readonly: true });
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
      expect(versions).toEqual(migrations.map((migration) => migration.version));
      expect(db.prepare("SELECT count(*) FROM subscriptions").pluck().get()).toBe(1);
      db.close();
    } finally {
      cleanup();
    }
  });

  it("when the database is newer than the code, refuses to open it rather than misread it", () => {
    const { dbPath, cleanup } = tempDir();
    try {
      openSqliteSubscriptionStore(dbPath).close();
      const db = new Database(dbPath);
      db.prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '')",
      ).run();
      db.close();
      expect(() => openSqliteSubscriptionStore(dbPath)).toThrow(
        /its schema is version \d+, newer than this briefbot's/,
      );
    } finally {
      cleanup();
    }
  });
});

describe("leases when a bot opens the file", () => {
  it("frees a dead bot's leases but leaves a one-shot run's, which may be posting beside it", async () => {
    const { dbPath, cleanup } = tempDir();
    const t0 = Date.parse("2024-11-20T09:00:00Z");
    try {
      const first = openSqliteSubscriptionStore(dbPath);
      await first.recordBaseline([{ entityId: "us-embassy-kyiv", key: "k1", state: "open" }], new Date(t0));
      for (const index of [1, 2])
        await first.subscribe({
          channel: channel(index),
          topic: { kind: "all" },
          scope: "slack",
          by: alice,
          at: new Date(t0),
        });
      const result = await first.announce({
        notice: notice("us-embassy-kyiv", new Date(t0)),
        key: "k2",
        expectedKey: "k1",
        dueAt: t0,
      });
      expect(result).toEqual({ kind: "announced", deliveries: 2 });
      const claim = (store: typeof first, owner: string) =>
        store.claimDue({ now: t0, platforms: ["slack"], limit: 1, leaseMs: 60_000, owner });
      const byOneShot = await claim(first, `${ONE_SHOT_OWNER}run`);
      const byDeadBot = await claim(first, "bot-that-died");
      expect(byOneShot).toHaveLength(1);
      expect(byDeadBot).toHaveLength(1);
      await first.close();

      // A bot starts while both leases are still running: only the dead bot's delivery is free again.
      const reopened = openSqliteSubscriptionStore(dbPath);
      const freed = await claim(reopened, "new-bot");
      expect(freed.map((d) => d.channel.id)).toEqual(byDeadBot.map((d) => d.channel.id));
      expect(await claim(reopened, "new-bot")).toEqual([]);
      await reopened.close();
    } finally {
      cleanup();
    }
  });
});
