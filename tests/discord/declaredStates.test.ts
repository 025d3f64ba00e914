import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Briefbot } from "../../src/bot.ts";
import { fixtureDir } from "../support/fixtureBases.ts";
import { BOT_USER_ID, CHANNELS } from "./fake/world.ts";
import { DiscordHarness } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";
import { startRealBot } from "./support/realBot.ts";

/**
 * The bot on Discord over the invented travel-advisories base, whose kind declares Level 1 to
 * Level 4: `/brief update` suggests those levels as one types, reads them, and the notice it posts
 * names the old and the new level in the level's colour.
 */
const mention = `<@${BOT_USER_ID}>`;
const ref = (id: string) => ({ platform: "discord" as const, id });

let harness: DiscordHarness;
let bot: Briefbot;
let stopBot: () => Promise<void>;

beforeEach(async () => {
  harness = await DiscordHarness.create();
  const real = await startRealBot([harness.adapter.poster], fixtureDir("travel-advisories"));
  bot = real.bot;
  stopBot = real.stop;
  await harness.adapter.start(bot);
});

afterEach(async () => {
  await harness.stop();
  await stopBot();
});

const say = (who: "admin" | "editor", place: (typeof PLACES)[keyof typeof PLACES], text: string) =>
  harness.replyTo(harness.say(who, place, `${mention} ${text}`));

describe("a base whose kind declares its own states, on Discord", () => {
  it("suggests the levels of the advisory named so far while the state is typed", async () => {
    const levels = await harness.suggest("admin", PLACES.briefings, "update", "state", "level", {
      entity: "Valdoria",
    });
    expect(levels.data?.choices?.map((c) => c.value)).toEqual(["level-1", "level-2", "level-3", "level-4"]);
    const four = await harness.suggest("admin", PLACES.briefings, "update", "state", "do not", {
      entity: "valdoria advisory",
    });
    expect(four.data?.choices?.map((c) => c.value)).toEqual(["level-4"]);
  });

  it("records an update to a level and posts the notice with the old and new level", async () => {
    await say("editor", PLACES.briefings, "subscribe valdoria");
    const refused = await say("admin", PLACES.deskAlerts, "update valdoria open The clashes ended");
    expect(refused.reply.content).toBe(
      '"open" is not a state of Valdoria travel advisory; use one of level-1, level-2, level-3, level-4. Nothing changed.',
    );
    const asked = await say("admin", PLACES.deskAlerts, "update valdoria level-3 The clashes ended");
    expect(asked.reply.content).toMatch(
      /^This will post a notice to 1 channel: Valdoria travel advisory is now Level 3: Reconsider travel\./,
    );
    await say("admin", PLACES.deskAlerts, "confirm");
    await harness.fake.waitFor("a recorded delivery", async () => {
      const [subscription] = await bot.subscriptions.subscriptionsOf(ref(CHANNELS.briefings));
      return subscription?.lastDelivered;
    });
    const [notice] = harness.fake
      .messagesIn(CHANNELS.briefings)
      .filter((m) => m.content.startsWith("Status change:"));
    expect(notice?.content).toBe(
      "Status change: **Valdoria travel advisory** is now **Level 3: Reconsider travel** (was Level 4: Do not travel).",
    );
    expect(notice?.embeds[0]).toMatchObject({
      title: "Valdoria travel advisory: Level 4: Do not travel → Level 3: Reconsider travel",
      color: 0xef6c00,
    });
  });
});
