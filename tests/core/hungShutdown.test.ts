import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { FakeDiscord } from "../discord/fake/fakeDiscord.ts";
import { textChannel } from "../discord/fake/guildPayloads.ts";
import { APPLICATION_ID, BOT_TOKEN, BOT_USER_ID } from "../discord/fake/world.ts";
import { newsroomGuild } from "../discord/support/newsroom.ts";
import { type BotProcess, startBot } from "../subscriptions/support/botProcess.ts";
import { createTestDatabase } from "../support/postgres.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";

const CHANNELS = 40;
const channelId = (index: number) => String(1_310_000_000_000_000_000n + BigInt(index));

describe("SIGTERM while Discord hangs in the middle of a fan-out", () => {
  const scratch = scratchCopy();
  const bots: BotProcess[] = [];
  let discord: FakeDiscord | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill("SIGKILL")));
    await discord?.close();
    await database?.drop();
    scratch.cleanup();
  });

  it("exits 0 within 10 s, hands its claimed deliveries back at once, and another instance posts them", async () => {
    database = await createTestDatabase();
    const guild = newsroomGuild();
    for (let index = 0; index < CHANNELS; index++)
      guild.channels.push(
        textChannel(guild.id, { id: channelId(index), name: `alerts-${index}` }, 10 + index),
      );
    discord = await FakeDiscord.start({
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      botUser: { id: BOT_USER_ID, username: "briefbot" },
      guilds: [guild],
    });
    const store = await openPostgresSubscriptionStore(database.url);
    for (let index = 0; index < CHANNELS; index++)
      await store.subscribe({
        channel: { platform: "discord", id: channelId(index) },
        topic: { kind: "entity", entityId: "us-embassy-kyiv" },
        scope: "discord",
        by: { platform: "discord", id: "tester" },
        at: new Date(),
      });
    await store.close();
    const env = {
      BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
      DATABASE_URL: database.url,
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      PORT: "0",
      LOG_LEVEL: "warn",
    };
    // The first start records the baseline; a later report then reopens the embassy.
    const baseline = startBot(env);
    bots.push(baseline);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const deadline = Date.now() + 30_000;
      while (
        (await db.query("SELECT 1 FROM announced LIMIT 1").catch(() => ({ rowCount: 0 }))).rowCount === 0
      ) {
        if (Date.now() > deadline) throw new Error("no baseline recorded");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await baseline.kill("SIGTERM");
      writeFileSync(
        path.join(scratch.knowledgeDir, "zz-later-source.yaml"),
        'sources:\n  - id: test-2024-12-reopening\n    publisher: Test Wire\n    headline: Embassy reopens\n    published: { date: "2024-12-05", precision: day }\n',
      );
      const timelines = path.join(scratch.knowledgeDir, "timelines.yaml");
      writeFileSync(
        timelines,
        readFileSync(timelines, "utf8").replace(
          /(entity: us-embassy-kyiv\s+events:\s+)/,
          `$1- state: open\n        effective: { date: "2024-12-05", precision: day }\n        reason: Test reopening.\n        source: test-2024-12-reopening\n        paragraph: 1\n      `,
        ),
      );

      // Discord stops answering posts; the bot announces the reopening and its posts hang.
      discord.holdPosts = true;
      const first = startBot(env);
      bots.push(first);
      const posts = () =>
        discord?.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages")).length ?? 0;
      while (posts() === 0) {
        if (first.child.exitCode !== null) throw new Error(`the bot exited: ${first.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const signalled = Date.now();
      await first.kill("SIGTERM");
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(await first.exited).toEqual({ code: 0, signal: null });
      // Nothing is left claimed: no delivery waits out a lease.
      const rows = await db.query(
        "SELECT status, count(*)::int AS n, count(lease_until)::int AS leased FROM deliveries GROUP BY status",
      );
      expect(rows.rows).toEqual([{ status: "pending", n: CHANNELS, leased: 0 }]);

      // Discord answers again; another instance posts every notice, once per channel.
      discord.holdPosts = false;
      const second = startBot(env);
      bots.push(second);
      const deadline2 = Date.now() + 30_000;
      while (discord.created.length < CHANNELS) {
        if (Date.now() > deadline2)
          throw new Error(`only ${discord.created.length} posted: ${second.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      for (let index = 0; index < CHANNELS; index++)
        expect(discord.messagesIn(channelId(index))).toHaveLength(1);
      await second.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);
    } finally {
      await db.end();
    }
  }, 120_000);
});
