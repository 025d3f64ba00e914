import type { APIEmbed } from "discord.js";
import { MessageFlags, PermissionFlagsBits } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADAPTER_MESSAGES } from "../../adapters/discord/messages.ts";
import type { Briefbot } from "../../src/bot.ts";
import { BOT_USER_ID, CHANNELS, GUILD_ID } from "./fake/world.ts";
import { DiscordHarness } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";
import { startRealBot } from "./support/realBot.ts";

const mention = `<@${BOT_USER_ID}>`;
const ref = (id: string) => ({ platform: "discord" as const, id });
const UPDATE = "update kyiv embassy open Reopened after the air alert ended https://example.org/kyiv-reopens";

let harness: DiscordHarness;
let bot: Briefbot;
let stopBot: () => Promise<void>;

beforeEach(async () => {
  harness = await DiscordHarness.create();
  const real = await startRealBot([harness.adapter.poster]);
  bot = real.bot;
  stopBot = real.stop;
  await harness.adapter.start(bot);
});

afterEach(async () => {
  await harness.stop();
  await stopBot();
});

/** Notices the bot posted in a channel (replies to people are not notices). */
const noticesIn = (channelId: string) =>
  harness.fake.messagesIn(channelId).filter((m) => m.content.startsWith("Status change:"));

/** Resolves once the outbox has recorded a delivery to the channel. */
const delivered = (channelId: string) =>
  harness.fake.waitFor(`a recorded delivery to ${channelId}`, async () => {
    const [subscription] = await bot.subscriptions.subscriptionsOf(ref(channelId));
    return subscription?.lastDelivered;
  });

async function ask(
  who: Parameters<DiscordHarness["say"]>[0],
  place: (typeof PLACES)[keyof typeof PLACES],
  text: string,
) {
  return harness.replyTo(harness.say(who, place, `${mention} ${text}`));
}

describe("asking briefbot on Discord", () => {
  it("when asked 'is the Kyiv embassy open', answers closed as of 20 Nov 2024 and cites The Washington Times", async () => {
    const { reply, request } = await ask("reporter", PLACES.briefings, "is the Kyiv embassy open?");
    const embed = reply.embeds[0] as APIEmbed;
    expect(embed.color).toBe(0xed4245);
    expect(embed.description).toMatch(
      /^No\. The US Embassy in Kyiv (is|was) closed as of 20 Nov 2024, per The Washington Times[ .(]/,
    );
    expect(embed.fields?.find((f) => f.name === "US Embassy in Kyiv")?.value).toContain(
      "**Closed** since <t:1732104000:D>",
    );
    expect(embed.fields?.find((f) => f.name === "Sources")?.value).toContain(
      "— The Washington Times, <t:1732104000:D>",
    );
    expect(request.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
  });

  it("/brief ask answers in the channel for everyone, with the question as the title", async () => {
    const { response } = await harness.slash("reporter", PLACES.briefings, "ask", {
      question: "why is the Kyiv embassy closed?",
    });
    expect(response.data?.flags).toBeUndefined();
    const [embed] = (response.data?.embeds ?? []) as APIEmbed[];
    expect(embed?.title).toBe("why is the Kyiv embassy closed?");
    expect(embed?.description).toContain("air attack");
    expect(embed?.fields?.find((f) => f.name === "Sources")?.value).toContain("The Washington Times");
  });

  it("when a question contains @everyone, the echo pings nobody", async () => {
    const { reply, request } = await ask("reporter", PLACES.briefings, "status @everyone");
    expect(reply.content).toContain('"＠everyone"');
    expect((request.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
  });
});

describe("subscribing channels and announcing a status change", () => {
  it("after two channels subscribe and an admin reports the embassy reopened, each gets the notice once", async () => {
    const subscribed = await ask("editor", PLACES.briefings, "subscribe kyiv embassy");
    expect(subscribed.reply.content).toBe(
      "This channel now follows US Embassy in Kyiv. Changes will be posted here.",
    );
    const ngo = await harness.slash("owner", PLACES.ngoTravel, "subscribe", { entity: "kyiv embassy" });
    expect(ngo.response.data).toMatchObject({
      content: "This channel now follows US Embassy in Kyiv. Changes will be posted here.",
    });
    expect(ngo.response.data?.flags).toBeUndefined();

    const asked = await ask("admin", PLACES.deskAlerts, UPDATE);
    expect(asked.reply.content).toMatch(
      /^This will post a notice to 2 channels: US Embassy in Kyiv is now open\./,
    );
    expect(noticesIn(CHANNELS.briefings)).toEqual([]);
    const update = await ask("admin", PLACES.deskAlerts, "confirm");
    expect(update.reply.content).toBe(
      "Recorded: US Embassy in Kyiv is now open. Notice queued for 2 channels.",
    );
    await delivered(CHANNELS.briefings);
    await delivered(CHANNELS.ngoTravel);
    for (const channelId of [CHANNELS.briefings, CHANNELS.ngoTravel]) {
      const [notice, ...others] = noticesIn(channelId);
      expect(others).toEqual([]);
      expect(notice?.embeds[0]).toMatchObject({
        title: "US Embassy in Kyiv: Closed → Open",
        color: 0x57f287,
      });
    }
    expect(noticesIn(CHANNELS.deskAlerts)).toEqual([]);

    const now = await ask("reporter", PLACES.briefings, "is the Kyiv embassy open?");
    expect(now.reply.embeds[0]?.color).toBe(0x57f287);
  });

  it("a member without Manage Channels cannot subscribe, by mention or by /brief", async () => {
    const byMention = await ask("reporter", PLACES.briefings, "subscribe kyiv embassy");
    expect(byMention.reply.content).toBe(
      "Only people who can manage this channel can change its subscriptions.",
    );
    const bySlash = await harness.slash("reporter", PLACES.briefings, "subscribe", {
      entity: "kyiv embassy",
    });
    expect(bySlash.response.data).toMatchObject({
      content: "Only people who can manage this channel can change its subscriptions.",
      flags: MessageFlags.Ephemeral,
    });
    expect(await bot.subscriptions.subscriptionsOf(ref(CHANNELS.briefings))).toEqual([]);
  });

  it("subscribing by /brief where the bot cannot post warns at once instead of failing at the first notice", async () => {
    const { response } = await harness.slash(
      "owner",
      PLACES.ngoTravel,
      "subscribe",
      { entity: "all" },
      PermissionFlagsBits.ViewChannel,
    );
    expect(response.data?.content).toBe(
      "This channel now follows every tracked status. Changes will be posted here.\n" +
        ADAPTER_MESSAGES.cannotPostHere,
    );
  });

  it("a non-admin's update is refused, privately", async () => {
    const { response } = await harness.slash("editor", PLACES.briefings, "update", {
      entity: "kyiv embassy",
      state: "open",
      reason: "heard it somewhere",
    });
    expect(response.data).toMatchObject({
      content: expect.stringMatching(/^Only briefbot admins can use update\./),
      flags: MessageFlags.Ephemeral,
    });
  });
});

describe("delivering notices when Discord pushes back", () => {
  it("after a 429, the outbox retries and the notice is delivered once", async () => {
    await ask("editor", PLACES.briefings, "subscribe kyiv embassy");
    const path = `/channels/${CHANNELS.briefings}/messages`;
    harness.fake.script("POST", path, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
      headers: { "retry-after": "0.3", "x-ratelimit-scope": "user" },
    });
    await ask("admin", PLACES.deskAlerts, UPDATE);
    await ask("admin", PLACES.deskAlerts, "confirm");
    await delivered(CHANNELS.briefings);
    expect(noticesIn(CHANNELS.briefings)).toHaveLength(1);
    const nonces = harness.fake.requests
      .filter(
        (r) => r.path === path && (r.body as { content?: string }).content?.startsWith("Status change:"),
      )
      .map((r) => (r.body as { nonce?: string }).nonce);
    expect(nonces).toHaveLength(2);
    expect(nonces[1]).toBe(nonces[0]);
  });

  it("a deleted channel (10003) has its subscription suspended; other channels still get the notice", async () => {
    await ask("editor", PLACES.briefings, "subscribe kyiv embassy");
    await ask("reporter", PLACES.deskAlerts, "subscribe kyiv embassy");
    harness.fake.deleteChannel(CHANNELS.deskAlerts);
    await ask("admin", PLACES.briefings, UPDATE);
    await ask("admin", PLACES.briefings, "confirm");
    const [suspended] = await harness.fake.waitFor("the subscription to be suspended", async () => {
      const subscriptions = await bot.subscriptions.subscriptionsOf(ref(CHANNELS.deskAlerts));
      return subscriptions[0]?.suspended ? subscriptions : undefined;
    });
    expect(suspended?.suspended?.reason).toBe("Unknown Channel (10003): the channel was deleted");
    await delivered(CHANNELS.briefings);
    expect(noticesIn(CHANNELS.briefings)).toHaveLength(1);
  });

  it("a server outage leaves its subscriptions alone, and the notice arrives when the server is back", async () => {
    await ask("editor", PLACES.briefings, "subscribe kyiv embassy");
    const path = `/channels/${CHANNELS.briefings}/messages`;
    harness.fake.outage(GUILD_ID);
    await harness.fake.waitFor("the adapter to see the server go unavailable", () =>
      harness.logs.some((line) => line.includes("Discord server unavailable")),
    );
    harness.fake.script("POST", path, { status: 403, body: { message: "Missing Access", code: 50001 } });
    await ask("admin", PLACES.ngoTravel, UPDATE);
    await ask("admin", PLACES.ngoTravel, "confirm");
    await harness.fake.waitFor("a first try during the outage", () =>
      harness.fake.requests.some((r) => r.path === path && (r.body as { nonce?: string }).nonce),
    );
    harness.fake.recover(GUILD_ID);
    await delivered(CHANNELS.briefings);
    const [subscription] = await bot.subscriptions.subscriptionsOf(ref(CHANNELS.briefings));
    expect(subscription?.suspended).toBeUndefined();
    expect(noticesIn(CHANNELS.briefings)).toHaveLength(1);
  });
});
