import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FeedPoller } from "../../src/news/feeds.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";
import { NewsSite } from "./support/newsSite.ts";

let site: NewsSite;
let dir: string;
let store: SubscriptionStore;

beforeEach(async () => {
  site = await NewsSite.start();
  dir = mkdtempSync(join(tmpdir(), "briefbot-feedstop-"));
  store = openSqliteSubscriptionStore(join(dir, "briefbot.db"));
});

afterEach(async () => {
  await store.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("stopping while a feed is slow to answer", () => {
  it("stops at once, without waiting out the fetch's 15 s, and records nothing against the feed", async () => {
    site.pages.set("/slow.rss", { hang: true });
    const loaded = loadKnowledgeBase(KNOWLEDGE_DIR);
    if (!loaded.ok) throw new Error("the knowledge base does not load");
    const poller = new FeedPoller({
      feeds: [site.url("/slow.rss")],
      intervalMs: 60_000,
      store,
      base: () => loaded.base,
      knowledgeDir: dir,
      draftsDir: join(dir, "drafts"),
      announce: async () => {},
      logger: pino({ level: "silent" }),
    });
    poller.start();
    for (let i = 0; i < 200 && site.hits("/slow.rss") === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(site.hits("/slow.rss")).toBe(1);
    const started = performance.now();
    await poller.stop();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await store.feedRecords())[0]).toMatchObject({ lastPolledAt: null, lastError: null });
  });
});
