import { GatewayIntentBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/commands/reply.ts";
import { BOT_USER_ID } from "./fake/world.ts";
import { fixture } from "./support/fixtures.ts";
import { DiscordHarness } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";
import { RecordingBot } from "./support/recordingBot.ts";

let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("connecting to the Discord gateway", () => {
  it("identifies with Guilds and GuildMessages only, over uncompressed v10 JSON, and keeps heartbeating", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-answer-kyiv-closed.json"));
    harness = await DiscordHarness.start(bot, { heartbeatIntervalMs: 50 });
    const { fake } = harness;
    expect(fake.gateway.identifies).toEqual([
      {
        token: expect.any(String),
        intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages,
        compress: false,
      },
    ]);
    expect(fake.gateway.connectUrls).toEqual(["/?v=10&encoding=json"]);
    expect(fake.gateway.problems).toEqual([]);
    await fake.waitFor("two acknowledged heartbeats", () => fake.gateway.heartbeatsAcked >= 2);
    expect(fake.requests.filter((r) => r.path === "/gateway/bot")).toHaveLength(1);
  });

  it("answers a mention with a reply to it", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-answer-kyiv-closed.json"));
    harness = await DiscordHarness.start(bot);
    const asked = harness.say("editor", PLACES.briefings, `<@${BOT_USER_ID}> is the Kyiv embassy open?`);
    const { reply, request } = await harness.replyTo(asked);
    expect(bot.requests[0]?.text).toBe("is the Kyiv embassy open?");
    expect(reply.embeds[0]?.fields?.find((f) => f.name === "Sources")?.value).toContain(
      "The Washington Times",
    );
    expect(request.body).toMatchObject({
      allowed_mentions: { parse: [], replied_user: false },
      message_reference: { message_id: asked.id, fail_if_not_exists: false },
      nonce: `r${asked.id}`,
      enforce_nonce: true,
    });
  });
});
