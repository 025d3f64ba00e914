import { pino } from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { createTestDatabase } from "../support/postgres.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const CHANNELS = 24;
/** Longer than a delivery's lease (3 s): a wall clock set this far ahead would make every claim look lapsed. */
const JUMP_MS = 5_000;

describe("when the wall clock is set ahead during a fan-out by two instances", () => {
  const bots: Briefbot[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  afterAll(async () => {
    vi.useRealTimers();
    for (const bot of bots) await bot.stop();
    await database?.drop();
  });

  it("each channel gets the notice once: leases and pacing run on a monotonic clock", async () => {
    database = await createTestDatabase();
    const store = await openPostgresSubscriptionStore(database.url);
    for (let index = 0; index < CHANNELS; index++)
      await store.subscribe({
        channel: { platform: "shell", id: `channel-${index}` },
        topic: { kind: "entity", entityId: "us-embassy-kyiv" },
        scope: "shell",
        by: { platform: "shell", id: "tester" },
        at: new Date(),
      });
    await store.close();
    const posts: string[] = [];
    let jumped = false;
    // Each post takes a while; halfway through the fan-out the wall clock is set ahead.
    const poster = (): Poster => ({
      platform: "shell",
      pacing: { perChannelIntervalMs: 0, globalPerSecond: 0 },
      async post(channel) {
        posts.push(channel.id);
        if (posts.length === CHANNELS / 4 && !jumped) {
          jumped = true;
          vi.setSystemTime(Date.now() + JUMP_MS);
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { kind: "sent" };
      },
    });
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    for (let i = 0; i < 2; i++)
      bots.push(
        await createBriefbot({
          knowledgeDir: KNOWLEDGE_DIR,
          dbPath: ":memory:",
          databaseUrl: database.url,
          admins: [],
          logger: pino({ level: "silent" }),
          posters: [poster()],
          // Each looks for due deliveries often, so a lapsed-looking claim would be taken at once.
          dispatch: { idleMs: 50 },
        }),
      );
    for (const bot of bots) await bot.start();
    const [first] = bots as [Briefbot];
    const reply = await first.handle({
      text: "update us-embassy-kyiv open Reopened after the alert",
      channel: { platform: "shell", id: "terminal" },
      user: { platform: "shell", id: "curator" },
      canManageSubscriptions: true,
      now: new Date(),
    });
    expect(reply.text).toMatch(/This will post a notice to 24 channels/);
    await first.handle({
      text: "confirm",
      channel: { platform: "shell", id: "terminal" },
      user: { platform: "shell", id: "curator" },
      canManageSubscriptions: true,
      now: new Date(),
    });
    const deadline = performance.now() + 30_000;
    while (new Set(posts).size < CHANNELS && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // Both instances keep looking for work for a while after the last post.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(jumped).toBe(true);
    expect(new Set(posts).size).toBe(CHANNELS);
    expect(posts).toHaveLength(CHANNELS);
  }, 60_000);
});
