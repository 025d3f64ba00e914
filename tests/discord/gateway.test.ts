import { GatewayIntentBits, InteractionResponseType, MessageFlags } from "discord.js";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ADAPTER_MESSAGES } from "../../adapters/discord/messages.ts";
import type { Reply } from "../../src/commands/reply.ts";
import { BOT_TOKEN, BOT_USER_ID } from "./fake/world.ts";
import { fixture } from "./support/fixtures.ts";
import { DiscordHarness, discordAdapterFor, startFakeDiscord } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";
import { RecordingBot } from "./support/recordingBot.ts";

let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe("connecting to the Discord gateway", () => {
  it("identifies with Guilds, GuildMessages and DirectMessages only, none privileged, over uncompressed v10 JSON, and keeps heartbeating", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-answer-kyiv-closed.json"));
    harness = await DiscordHarness.start(bot, { heartbeatIntervalMs: 50 });
    const { fake } = harness;
    expect(fake.gateway.identifies).toEqual([
      {
        token: expect.any(String),
        intents:
          GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
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
      "US Embassy in Kyiv closes after warning",
    );
    expect(request.body).toMatchObject({
      allowed_mentions: { parse: [], replied_user: false },
      message_reference: { message_id: asked.id, fail_if_not_exists: false },
      nonce: `r${asked.id}`,
      enforce_nonce: true,
    });
  });
});

describe("choosing what to answer", () => {
  it("ignores messages that do not mention it and its own replies, which Discord echoes back", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-answer-kyiv-closed.json"));
    harness = await DiscordHarness.start(bot);
    harness.say("editor", PLACES.briefings, "is the Kyiv embassy open?");
    const asked = harness.say("editor", PLACES.briefings, `<@${BOT_USER_ID}> is the Kyiv embassy open?`);
    await harness.replyTo(asked);
    const later = harness.say("reporter", PLACES.briefings, `<@${BOT_USER_ID}> help`);
    await harness.replyTo(later);
    expect(bot.requests.map((r) => r.text)).toEqual(["is the Kyiv embassy open?", "help"]);
    expect(harness.fake.created).toHaveLength(2);
  });

  it("works out Manage Channels from the cached server: roles and channel overwrites", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-subscribed.json"));
    harness = await DiscordHarness.start(bot);
    const cases = [
      ["editor", PLACES.briefings, true],
      ["reporter", PLACES.briefings, false],
      ["reporter", PLACES.deskAlerts, true],
      ["editor", PLACES.security, false],
      ["owner", PLACES.security, true],
    ] as const;
    for (const [who, place] of cases) {
      await harness.replyTo(harness.say(who, place, `<@${BOT_USER_ID}> subscribe kyiv embassy`));
    }
    expect(bot.requests.map((r) => [r.user.id, r.channel.name, r.canManageSubscriptions])).toEqual(
      cases.map(([who, place, may]) => [
        { editor: "402538212356866048", reporter: "402538349326204929", owner: "402538601059631114" }[who],
        place.name,
        may,
      ]),
    );
  });
});

describe("answering /brief", () => {
  it("answers /brief help privately, with the ephemeral flag", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-help.json"));
    harness = await DiscordHarness.start(bot);
    const { response } = await harness.slash("reporter", PLACES.briefings, "help");
    expect(bot.requests[0]?.text).toBe("help");
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data?.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers /brief ask publicly, echoing the question as the title", async () => {
    const bot = new RecordingBot(() => fixture<Reply>("reply-answer-kyiv-closed.json"));
    harness = await DiscordHarness.start(bot);
    const { response } = await harness.slash("editor", PLACES.briefings, "ask", {
      question: "is the Kyiv embassy open?",
    });
    expect(bot.requests[0]).toMatchObject({
      text: "ask is the Kyiv embassy open?",
      canManageSubscriptions: true,
    });
    expect(response.data?.flags).toBeUndefined();
    const [embed] = (response.data?.embeds ?? []) as { title: string; color: number }[];
    expect(embed).toMatchObject({ title: "is the Kyiv embassy open?", color: 0xed4245 });
  });
});

describe("when something fails", () => {
  it("tells the asker something went wrong, and logs it without the bot or interaction token", async () => {
    const bot = new RecordingBot(() => {
      throw new Error("database is locked");
    });
    harness = await DiscordHarness.start(bot);
    const { reply } = await harness.replyTo(
      harness.say("editor", PLACES.briefings, `<@${BOT_USER_ID}> status`),
    );
    expect(reply.content).toBe(ADAPTER_MESSAGES.failed);
    const { interaction, response } = await harness.slash("editor", PLACES.briefings, "status");
    expect(response.data).toMatchObject({ content: ADAPTER_MESSAGES.failed, flags: MessageFlags.Ephemeral });
    const logs = harness.logs.join("\n");
    expect(logs).toContain("database is locked");
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(interaction.token);
  });

  it("fails to start with a clear error when Discord rejects the token, without printing it", async () => {
    const fake = await startFakeDiscord();
    const wrong = "MTE4NjIxNDUzNjcyMjMxNzMxMg.GwRoNg.notTheRightTokenAtAll_0000000000000000";
    const adapter = discordAdapterFor(fake, pino({ level: "silent" }), wrong);
    try {
      const started = adapter.start(new RecordingBot(() => fixture<Reply>("reply-help.json")));
      await expect(started).rejects.toThrow("Discord login failed: An invalid token was provided.");
      await started.catch((error: Error) => expect(error.message).not.toContain(wrong));
      expect(fake.gateway.identifies).toEqual([]);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
