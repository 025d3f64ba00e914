import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordPoster, createPosterRest, DISCORD_PACING } from "../../adapters/discord/poster.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import type { DeliveryAttempt } from "../../src/delivery/poster.ts";
import type { FakeDiscord } from "./fake/fakeDiscord.ts";
import { BOT_TOKEN, CHANNELS, GUILD_ID } from "./fake/world.ts";
import { fixture } from "./support/fixtures.ts";
import { startFakeDiscord } from "./support/harness.ts";
import { capturedLogger } from "./support/logs.ts";

const notice = fixture<StatusChangeNotice>("notice-kyiv-reopened.json");
const briefings = { platform: "discord" as const, id: CHANNELS.briefings, name: "briefings" };
const path = `/channels/${CHANNELS.briefings}/messages`;
const attempt = (n: number, nonce = "dlv7Hq2LrW0kTzY5cVb3Xa"): DeliveryAttempt => ({
  deliveryId: "delivery-1",
  nonce,
  attempt: n,
});

let fake: FakeDiscord;
let logs: string[];
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

function poster(api = fake.apiUrl, inUnavailableGuild?: (channelId: string) => boolean) {
  const { logger, lines } = capturedLogger();
  logs = lines;
  return createDiscordPoster({
    rest: createPosterRest(api, BOT_TOKEN),
    token: BOT_TOKEN,
    logger,
    ...(inUnavailableGuild ? { inUnavailableGuild } : {}),
  });
}

const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === path);

describe("posting a status-change notice to a subscribed channel", () => {
  it("creates one message with the notice, the delivery's nonce enforced, pinging nobody", async () => {
    const outcome = await poster().post(briefings, notice, attempt(1));
    const [message] = fake.messagesIn(CHANNELS.briefings);
    expect(outcome).toEqual({ kind: "sent", messageId: message?.id });
    expect(posts()[0]?.body).toMatchObject({
      content: "Status change: **US Embassy in Kyiv** is now **open** (was closed).",
      nonce: "dlv7Hq2LrW0kTzY5cVb3Xa",
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(posts()[0]?.authorization).toBe(`Bot ${BOT_TOKEN}`);
  });

  it("paces at 50 requests a second overall and one post a second per channel", () => {
    expect(poster().pacing).toEqual({ perChannelIntervalMs: 1000, globalPerSecond: 50 });
    expect(DISCORD_PACING.globalPerSecond).toBe(50);
  });
});

describe("when Discord rate-limits a post (429)", () => {
  it("hands the retry-after to the outbox instead of waiting, and the retry is delivered once", async () => {
    fake.script("POST", path, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.25, global: false },
      headers: { "retry-after": "0.25", "x-ratelimit-scope": "user" },
    });
    const discord = poster();
    expect(await discord.post(briefings, notice, attempt(1))).toEqual({
      kind: "retry",
      reason: "rate limited (user)",
      retryAfterMs: 250,
    });
    expect(posts()).toHaveLength(1);
    expect(fake.messagesIn(CHANNELS.briefings)).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await discord.post(briefings, notice, attempt(2))).kind).toBe("sent");
    expect(fake.messagesIn(CHANNELS.briefings)).toHaveLength(1);
    expect(posts()).toHaveLength(2);
  });
});

describe("when a try reached Discord but its answer was lost", () => {
  it("the retry carries the same nonce, so Discord returns the first message instead of a second", async () => {
    fake.script("POST", path, {
      status: 502,
      body: { message: "Bad Gateway", code: 0 },
      afterHandling: true,
    });
    const discord = poster();
    expect((await discord.post(briefings, notice, attempt(1))).kind).toBe("retry");
    const retried = await discord.post(briefings, notice, attempt(2));
    const messages = fake.messagesIn(CHANNELS.briefings);
    expect(messages).toHaveLength(1);
    expect(retried).toEqual({ kind: "sent", messageId: messages[0]?.id });
  });

  it("keeps a nonce longer than Discord's 25 characters stable across tries by hashing it", async () => {
    const long = "delivery-6f1c2e1e-8a42-4d4f-9a8e-0c1f3b9a7d55";
    fake.script("POST", path, { status: 502, afterHandling: true });
    const discord = poster();
    await discord.post(briefings, notice, attempt(1, long));
    await discord.post(briefings, notice, attempt(2, long));
    const nonces = posts().map((r) => (r.body as { nonce: string }).nonce);
    expect(nonces[0]).toHaveLength(25);
    expect(nonces[1]).toBe(nonces[0]);
    expect(fake.messagesIn(CHANNELS.briefings)).toHaveLength(1);
  });
});

describe("when Discord or the network fails", () => {
  it("retries a 5xx through the outbox only: the REST client makes exactly one request", async () => {
    fake.script("POST", path, { status: 500, body: { message: "Internal Server Error", code: 0 } });
    expect(await poster().post(briefings, notice, attempt(1))).toEqual({
      kind: "retry",
      reason: "Discord HTTP 500",
    });
    expect(posts()).toHaveLength(1);
  });

  it("retries when Discord cannot be reached at all", async () => {
    const closed = await startFakeDiscord();
    const api = closed.apiUrl;
    await closed.close();
    const outcome = await poster(api).post(briefings, notice, attempt(1));
    expect(outcome.kind).toBe("retry");
    expect(outcome.kind === "retry" && outcome.reason).toMatch(/^network: /);
  });

  it("retries an error it does not know rather than suspend the channel over it", async () => {
    fake.script("POST", path, { status: 400, body: { message: "Invalid Form Body", code: 50035 } });
    expect(await poster().post(briefings, notice, attempt(1))).toEqual({
      kind: "retry",
      reason: "Discord error 50035 (HTTP 400): Invalid Form Body",
    });
  });
});

describe("when the channel cannot take posts", () => {
  it("reports a deleted channel (10003 Unknown Channel) as permanent", async () => {
    fake.deleteChannel(CHANNELS.briefings);
    expect(await poster().post(briefings, notice, attempt(1))).toEqual({
      kind: "permanent",
      reason: "Unknown Channel (10003): the channel was deleted",
    });
  });

  it("reports Missing Access (50001) and Missing Permissions (50013) as permanent", async () => {
    fake.script(
      "POST",
      path,
      { status: 403, body: { message: "Missing Access", code: 50001 } },
      { status: 403, body: { message: "Missing Permissions", code: 50013 } },
    );
    const discord = poster();
    expect(await discord.post(briefings, notice, attempt(1))).toMatchObject({
      kind: "permanent",
      reason: expect.stringMatching(/^Missing Access \(50001\)/),
    });
    expect(await discord.post(briefings, notice, attempt(2))).toMatchObject({
      kind: "permanent",
      reason: expect.stringMatching(/^Missing Permissions \(50013\)/),
    });
  });

  it("never suspends a channel while its server is in an outage: the same error is a retry", async () => {
    fake.script("POST", path, { status: 403, body: { message: "Missing Access", code: 50001 } });
    const outcome = await poster(fake.apiUrl, (id) => id === CHANNELS.briefings).post(
      briefings,
      notice,
      attempt(1),
    );
    expect(outcome).toEqual({
      kind: "retry",
      reason:
        "server unavailable (Discord outage); Missing Access (50001): the bot cannot see the channel or left the server",
    });
  });

  it("retries while Discord answers 503 for an unavailable server", async () => {
    fake.outage(GUILD_ID);
    expect(await poster().post(briefings, notice, attempt(1))).toEqual({
      kind: "retry",
      reason: "Discord HTTP 503",
    });
  });
});

describe("when Discord rejects the token (401)", () => {
  it("blocks every Discord delivery, and tries the token again on the next post", async () => {
    fake.script("POST", path, { status: 401, body: { message: "401: Unauthorized", code: 0 } });
    const discord = poster();
    expect(await discord.post(briefings, notice, attempt(1))).toEqual({
      kind: "blocked",
      reason: "Discord rejected the bot token (401)",
      scope: "discord",
    });
    expect((await discord.post(briefings, notice, attempt(2))).kind).toBe("sent");
    expect(posts()[1]?.authorization).toBe(`Bot ${BOT_TOKEN}`);
    expect(logs.join("\n")).not.toContain(BOT_TOKEN);
  });
});
