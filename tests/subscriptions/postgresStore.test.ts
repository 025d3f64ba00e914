import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Poster } from "../../src/delivery/poster.ts";
import { postgresMigrations } from "../../src/subscriptions/postgres/migrations.ts";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { SubscriptionSystem } from "../../src/subscriptions/system.ts";
import { createTestDatabase } from "../support/postgres.ts";
import { describeCuratorLogContract } from "./curatorContract.ts";
import { alice, channel, silentLogger, snapshot } from "./fixtures.ts";
import { describeSubscriptionStoreContract } from "./storeContract.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Each contract test gets a schema of its own in the file's database. */
const postgresStore = async () => {
  const schema = `contract_${randomBytes(4).toString("hex")}`;
  const store = await openPostgresSubscriptionStore(database.url, { schema });
  return {
    store,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
};

describeSubscriptionStoreContract("PostgreSQL", postgresStore);
describeCuratorLogContract("PostgreSQL", postgresStore);

describe("when two instances claim from one PostgreSQL database at the same moment", () => {
  it("each delivery goes to exactly one of them, and two announcements of one change make one notice", async () => {
    const schema = `claims_${randomBytes(4).toString("hex")}`;
    const [a, b] = [
      await openPostgresSubscriptionStore(database.url, { schema }),
      await openPostgresSubscriptionStore(database.url, { schema }),
    ] as const;
    try {
      const now = Date.now();
      for (let index = 0; index < 120; index++)
        await a.subscribe({
          channel: channel(index),
          topic: { kind: "all" },
          scope: "slack",
          by: alice,
          at: new Date(),
        });
      await a.recordBaseline([{ entityId: "kyiv", key: "open", state: "open" }], new Date());
      const notice = (id: string) => ({
        id,
        entity: { id: "kyiv", name: "Kyiv", kind: "embassy" as const },
        from: "open" as const,
        to: "closed" as const,
        effective: { date: "2024-11-20", precision: "day" as const },
        temporary: false,
        reason: "r",
        source: {
          id: "s",
          publisher: "p",
          headline: "h",
          published: { date: "2024-11-20", precision: "day" as const },
        },
        supersedes: null,
        createdAt: new Date().toISOString(),
        text: "t",
      });
      const results = await Promise.all([
        a.announce({ notice: notice("n-a"), key: "closed", expectedKey: "open", dueAt: now }),
        b.announce({ notice: notice("n-b"), key: "closed", expectedKey: "open", dueAt: now }),
      ]);
      expect(results.map((result) => result.kind).sort()).toEqual(["announced", "conflict"]);
      const seen = new Map<string, string>();
      for (let round = 0; round < 6; round++) {
        const batches = await Promise.all(
          [a, b].map((store, index) =>
            store.claimDue({ now, platforms: ["slack"], limit: 25, leaseMs: 60_000, owner: `i${index}` }),
          ),
        );
        batches.forEach((batch, index) => {
          for (const delivery of batch) {
            expect(seen.get(delivery.id), `${delivery.id} claimed twice`).toBeUndefined();
            seen.set(delivery.id, `i${index}`);
          }
        });
      }
      expect(seen.size).toBe(120);
      expect(new Set(seen.values())).toEqual(new Set(["i0", "i1"]));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("when three instances share one PostgreSQL database and a platform allows 50 posts a second", () => {
  it("together they post no faster than 50 a second: the budget is the token's, not each process's", async () => {
    const schema = `budget_${randomBytes(4).toString("hex")}`;
    const stores = await Promise.all(
      [0, 1, 2].map(() => openPostgresSubscriptionStore(database.url, { schema })),
    );
    const calls: number[] = [];
    const poster: Poster = {
      platform: "discord",
      pacing: { perChannelIntervalMs: 0, globalPerSecond: 50 },
      async post() {
        calls.push(Date.now());
        return { kind: "sent" };
      },
    };
    const statuses = { current: [snapshot({ entityId: "kyiv", state: "open", since: "2024-02-01" })] };
    const systems = await Promise.all(
      stores.map((store, index) =>
        SubscriptionSystem.open({
          store,
          posters: [poster],
          logger: silentLogger,
          statuses: () => statuses.current,
          clock: () => new Date(),
          instanceId: `budget-${index}`,
          pollMs: 0,
        }),
      ),
    );
    try {
      for (let index = 0; index < 150; index++)
        await systems[0]?.subscribe(channel(index, "discord"), { kind: "all" }, alice, new Date());
      await systems[0]?.sync();
      statuses.current = [snapshot({ entityId: "kyiv", state: "closed" })];
      await systems[0]?.sync();
      const reports = await Promise.all(systems.map((system) => system.drain()));
      expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(150);
      expect(reports.filter((report) => report.sent > 0).length).toBeGreaterThan(1);
      calls.sort((a, b) => a - b);
      let busiest = 0;
      for (let first = 0, last = 0; last < calls.length; last++) {
        while ((calls[last] ?? 0) - (calls[first] ?? 0) >= 1_000) first++;
        busiest = Math.max(busiest, last - first + 1);
      }
      // 50 a second, give or take a few late timers bunching on a busy machine; three budgets of their
      // own would allow 150.
      expect(busiest).toBeLessThanOrEqual(60);
      expect((calls.at(-1) ?? 0) - (calls[0] ?? 0)).toBeGreaterThanOrEqual(2_900);
    } finally {
      await Promise.all(systems.map((system) => system.stop()));
      await Promise.all(stores.map((store) => store.close()));
    }
  }, 30_000);
});

describe("the PostgreSQL store's migrations", () => {
  it("when five instances open one empty database at once, it is migrated once and all of them work", async () => {
    const schema = `race_${randomBytes(4).toString("hex")}`;
    const stores = await Promise.all(
      Array.from({ length: 5 }, () => openPostgresSubscriptionStore(database.url, { schema })),
    );
    try {
      const outcomes = await Promise.all(
        stores.map((store, index) =>
          store.subscribe({
            channel: channel(index),
            topic: { kind: "all" },
            scope: "slack",
            by: alice,
            at: new Date(),
          }),
        ),
      );
      expect(outcomes).toEqual(["created", "created", "created", "created", "created"]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const versions = await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
      await client.end();
      expect(versions.rows.map((row) => row.version)).toEqual(postgresMigrations.map((m) => m.version));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("when the database is newer than the code, refuses to open it rather than misread it", async () => {
    const schema = `future_${randomBytes(4).toString("hex")}`;
    await (await openPostgresSubscriptionStore(database.url, { schema })).close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (999, 'future', '')`,
    );
    await client.end();
    await expect(openPostgresSubscriptionStore(database.url, { schema })).rejects.toThrow(
      /newer than this code/,
    );
  });
});
