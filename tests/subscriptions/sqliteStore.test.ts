import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/subscriptions/sqlite/migrations.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import { alice, channel, tempDir } from "./fixtures.ts";
import { describeSubscriptionStoreContract } from "./storeContract.ts";

describeSubscriptionStoreContract("SQLite", async () => {
  const { dbPath, cleanup } = tempDir();
  const store = openSqliteSubscriptionStore(dbPath);
  return {
    store,
    dispose: async () => {
      await store.close();
      cleanup();
    },
  };
});

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
