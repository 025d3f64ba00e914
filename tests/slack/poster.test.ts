import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPostingClient, SlackPoster } from "../../adapters/slack/poster.ts";
import type { ChannelRef } from "../../src/commands/request.ts";
import { BOT_TOKEN, FakeSlack, TEAM_ID } from "./support/fakeSlack.ts";
import { notices } from "./support/fixtures.ts";
import { silentLogger } from "./support/startAdapter.ts";

const channel: ChannelRef = { platform: "slack", id: `${TEAM_ID}:C061EG9SL` };
const attempt = { deliveryId: "d-1", nonce: "n-1", attempt: 1 };

let fake: FakeSlack;
let poster: SlackPoster;

beforeEach(async () => {
  fake = await FakeSlack.start();
  poster = new SlackPoster(createPostingClient(BOT_TOKEN, fake.apiUrl, silentLogger), silentLogger);
});

afterEach(async () => {
  await fake.close();
});

describe("the Slack poster", () => {
  it("posts to the channel part of the id and reports the message ts", async () => {
    const outcome = await poster.post(channel, notices.kyivClosed(), attempt);
    expect(outcome).toEqual({ kind: "sent", messageId: "1732100500.000100" });
    const [call] = fake.callsOf("chat.postMessage");
    expect(call?.args).toMatchObject({ channel: "C061EG9SL", unfurl_links: "false", unfurl_media: "false" });
  });

  it("blocks per workspace and paces one message per second per channel", () => {
    expect(poster.scopeOf(channel)).toBe("slack:T024BE7LD");
    expect(poster.pacing.perChannelIntervalMs).toBe(1000);
  });

  it("returns a 429 at once as a retry with its Retry-After, without waiting or retrying itself", async () => {
    fake.script("chat.postMessage", { status: 429, headers: { "Retry-After": "30" } });
    const startedAt = Date.now();
    const outcome = await poster.post(channel, notices.kyivClosed(), attempt);
    expect(outcome).toEqual({ kind: "retry", reason: "ratelimited", retryAfterMs: 30_000 });
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("returns a server error as a retry after one request", async () => {
    fake.script("chat.postMessage", { status: 503, body: { ok: false } });
    const outcome = await poster.post(channel, notices.kyivClosed(), attempt);
    expect(outcome).toMatchObject({ kind: "retry", reason: "http 503" });
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("returns a network failure as a retry", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new SlackPoster(
      createPostingClient(BOT_TOKEN, `http://127.0.0.1:${port}/api/`, silentLogger),
      silentLogger,
    );
    expect(await unreachable.post(channel, notices.kyivClosed(), attempt)).toEqual({
      kind: "retry",
      reason: "network error",
    });
  });

  it.each(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"])(
    "treats %s as permanent for the channel",
    async (error) => {
      fake.script("chat.postMessage", { body: { ok: false, error } });
      expect(await poster.post(channel, notices.kyivClosed(), attempt)).toEqual({
        kind: "permanent",
        reason: error,
      });
    },
  );

  it.each(["invalid_auth", "token_revoked", "account_inactive", "missing_scope"])(
    "treats %s as a block on the whole workspace",
    async (error) => {
      fake.script("chat.postMessage", { body: { ok: false, error } });
      expect(await poster.post(channel, notices.kyivClosed(), attempt)).toEqual({
        kind: "blocked",
        reason: error,
        scope: "slack:T024BE7LD",
      });
    },
  );

  it("is blocked when the token itself is wrong", async () => {
    const stranger = new SlackPoster(
      createPostingClient("xoxb-revoked", fake.apiUrl, silentLogger),
      silentLogger,
    );
    expect(await stranger.post(channel, notices.kyivClosed(), attempt)).toMatchObject({
      kind: "blocked",
      reason: "invalid_auth",
    });
  });

  it("retries errors it does not know rather than suspending a channel on a guess", async () => {
    fake.script("chat.postMessage", { body: { ok: false, error: "internal_error" } });
    expect(await poster.post(channel, notices.kyivClosed(), attempt)).toEqual({
      kind: "retry",
      reason: "internal_error",
    });
  });

  it("sends the plain text when Slack refuses the blocks", async () => {
    fake.script("chat.postMessage", { body: { ok: false, error: "invalid_blocks" } });
    const outcome = await poster.post(channel, notices.kyivClosed(), attempt);
    expect(outcome.kind).toBe("sent");
    const [refused, plain] = fake.callsOf("chat.postMessage");
    expect(refused?.args.blocks).toBeDefined();
    expect(plain?.args.blocks).toBeUndefined();
    expect(plain?.args.text).toContain("US Embassy in Kyiv is now closed (was open)");
  });
});
