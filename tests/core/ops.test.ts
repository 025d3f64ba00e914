import { afterEach, describe, expect, it } from "vitest";
import { createSlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { BOT_MESSAGES, type Briefbot, createBriefbot } from "../../src/bot.ts";
import type { ChatRequest } from "../../src/commands/request.ts";
import { handleOps, type OpsEndpoints, startOpsServer } from "../../src/ops/healthServer.ts";
import { BOT_TOKEN, FakeSlack } from "../slack/support/fakeSlack.ts";
import { RecordingBot } from "../slack/support/recordingBot.ts";
import { SIGNING_SECRET } from "../slack/support/signedRequest.ts";
import { FakePoster, silentLogger } from "../subscriptions/fixtures.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-11-22T09:00:00Z");

const request = (
  text: string,
  user = "U1",
  channel = "C1",
  platform: "slack" | "shell" = "slack",
): ChatRequest => ({
  text,
  channel: { platform, id: channel },
  user: { platform, id: user },
  canManageSubscriptions: true,
  now: NOW,
});

let bot: Briefbot | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
  await bot?.stop().catch(() => {});
  bot = undefined;
});

function opsOf(b: Briefbot): OpsEndpoints {
  return {
    metrics: b.metrics,
    readiness: async () => ({ knowledge: true, store: await b.storeReachable() }),
  };
}

describe("health, readiness and metrics", () => {
  it("answers /healthz, /readyz and /metrics on PORT, counting answers, deliveries and the outbox", async () => {
    const poster = new FakePoster({});
    bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath: ":memory:",
      admins: ["slack:UADMIN"],
      logger: silentLogger,
      posters: [poster],
      clock: () => NOW,
    });
    await bot.start();
    const server = await startOpsServer(opsOf(bot), 0, "127.0.0.1");
    close = server.close;
    const url = (path: string) => `http://127.0.0.1:${server.address.port}${path}`;

    const health = await fetch(url("/healthz"));
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok\n");
    const ready = await fetch(url("/readyz"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, knowledge: true, store: true });

    await bot.handle(request("is the us embassy in kyiv open?"));
    await bot.handle(request("what is the weather in paris?"));
    // Two channels follow the embassy; one is on a platform with no poster here, so its delivery waits.
    await bot.handle(request("subscribe us embassy in kyiv", "UADMIN", "C1"));
    await bot.handle(request("subscribe us embassy in kyiv", "UADMIN", "C2", "shell"));
    expect((await bot.handle(request("update us-embassy-kyiv open Staff back", "UADMIN"))).text).toMatch(
      /^This will post a notice to 2 channels/,
    );
    expect(await bot.handle(request("confirm", "UADMIN"))).toMatchObject({ code: "updated" });
    await bot.subscriptions.drain({ until: NOW.getTime() });

    const metrics = await (await fetch(url("/metrics"))).text();
    expect(metrics).toMatch(/briefbot_answers_total\{intent="status",outcome="answered"\} 1/);
    expect(metrics).toMatch(/briefbot_answers_total\{intent="[a-z-]+",outcome="(?!answered)[a-z-]+"\} 1/);
    expect(metrics).toMatch(/briefbot_answers_total\{intent="confirm",outcome="updated"\} 1/);
    expect(metrics).toMatch(/briefbot_answer_duration_seconds_count\{intent="status"\} 1/);
    expect(metrics).toMatch(/briefbot_deliveries_total\{outcome="sent"\} 1/);
    expect(metrics).toMatch(/briefbot_deliveries_total\{outcome="failed"\} 0/);
    expect(metrics).toMatch(/briefbot_outbox_depth 1/);
    expect(metrics).toMatch(/briefbot_outbox_oldest_age_seconds \d/);
    expect(poster.sent()).toHaveLength(1);

    // A closed store is not ready.
    await bot.stop();
    const notReady = await fetch(url("/readyz"));
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, knowledge: true, store: false });
    bot = undefined;
  });

  it("serves the same paths on Slack's HTTP server in HTTP mode, beside /slack/events", async () => {
    const fake = await FakeSlack.start();
    const config = slackConfigSchema.parse({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "0",
      SLACK_API_URL: fake.apiUrl,
    });
    bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath: ":memory:",
      admins: [],
      logger: silentLogger,
      posters: [],
    });
    const ops = opsOf(bot);
    const adapter = createSlackAdapter(config, silentLogger, {
      host: "127.0.0.1",
      ops: (req, res) => handleOps(ops, req, res),
    });
    await adapter.start(new RecordingBot());
    close = async () => {
      await adapter.stop();
      await fake.close();
    };
    const port = adapter.httpAddress()?.port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(
      /# TYPE briefbot_answers_total counter/,
    );
    expect(
      (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body: "{}" })).status,
    ).toBe(401);
  });
});

describe("fair use", () => {
  it("answers a person's questions up to their limit, then asks them politely to wait; others still get answers", async () => {
    bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath: ":memory:",
      admins: [],
      logger: silentLogger,
      posters: [],
      clock: () => NOW,
      limits: { user: { burst: 2, refillMs: 3_000 }, channel: { burst: 3, refillMs: 1_000 } },
    });
    const ask = (user: string, channel = "C1") =>
      bot?.handle(request("is the us embassy in kyiv open?", user, channel));
    expect(await ask("U1")).toMatchObject({ kind: "answer" });
    expect(await ask("U1")).toMatchObject({ kind: "answer" });
    expect(await ask("U1")).toEqual({
      kind: "result",
      ok: false,
      code: "rate-limited",
      text: BOT_MESSAGES.slowDown(3, "you"),
      visibility: "private",
    });
    expect(await ask("U2")).toMatchObject({ kind: "answer" });
    expect(await ask("U3")).toMatchObject({
      code: "rate-limited",
      text: BOT_MESSAGES.slowDown(1, "this channel"),
    });
    expect(await ask("U3", "C2")).toMatchObject({ kind: "answer" });
    // Commands are not questions, and the terminal is never limited.
    expect(await bot.handle(request("help", "U1"))).toMatchObject({ kind: "help" });
    for (let i = 0; i < 5; i++)
      expect(
        await bot.handle(request("is the us embassy in kyiv open?", "me", "terminal", "shell")),
      ).toMatchObject({
        kind: "answer",
      });
    expect(BOT_MESSAGES.slowDown(3, "you")).toBe(
      "You are asking faster than I can keep up. Please wait 3 seconds and ask again.",
    );
  });
});
