import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerInteraction, DEFER_AFTER_MS } from "../../adapters/discord/interactionHandler.ts";
import type { Reply } from "../../src/commands/reply.ts";
import { LOCK_WAIT_MS } from "../../src/subscriptions/sqlite/database.ts";
import { slashCommand } from "./fake/eventPayloads.ts";
import { FakeDiscord } from "./fake/fakeDiscord.ts";
import { user } from "./fake/guildPayloads.ts";
import { APPLICATION_ID, BOT_PERMISSIONS, CHANNELS, GUILD_ID, USERS } from "./fake/world.ts";
import { startFakeDiscord } from "./support/harness.ts";
import { capturedLogger } from "./support/logs.ts";
import { RecordingBot } from "./support/recordingBot.ts";

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

const answer: Reply = {
  kind: "result",
  ok: true,
  code: "subscribed",
  text: "Slow but sure.",
  visibility: "public",
};

function ask(subcommand: string) {
  const interaction = slashCommand({
    applicationId: APPLICATION_ID,
    commandId: "1186300000000000000",
    guildId: GUILD_ID,
    channel: { id: CHANNELS.briefings, name: "briefings" },
    user: user(USERS.editor),
    roles: [],
    permissions: 0n,
    appPermissions: BOT_PERMISSIONS,
    subcommand,
    options: subcommand === "ask" ? { question: "is the kyiv embassy open?" } : {},
    token: FakeDiscord.interactionToken(),
  });
  fake.interact(interaction);
  return interaction;
}

const rest = () => new REST({ api: fake.apiUrl, retries: 0 });

describe("a slash command whose answer takes a while", () => {
  it("defers within the bound, then sends the answer as the deferred response's edit", async () => {
    const bot = new RecordingBot(async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return answer;
    });
    const interaction = ask("ask");
    const started = Date.now();
    const { logger, lines } = capturedLogger();
    const done = answerInteraction({ bot, rest: rest(), logger, deferAfterMs: 100 }, interaction);
    const deferred = await fake.waitFor("the deferral", () => fake.interactionResponses.get(interaction.id));
    expect(Date.now() - started).toBeLessThan(400);
    expect(deferred).toEqual({ type: 5 });
    await done;
    expect(lines.filter((line) => line.includes('"level":40'))).toEqual([]);
    expect(fake.interactionFollowUps.get(interaction.token)).toMatchObject({ content: "Slow but sure." });
  });

  it("defers a private reply privately", async () => {
    const bot = new RecordingBot(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { ...answer, visibility: "private" };
    });
    const interaction = ask("subscriptions");
    await answerInteraction(
      { bot, rest: rest(), logger: capturedLogger().logger, deferAfterMs: 50 },
      interaction,
    );
    expect(fake.interactionResponses.get(interaction.id)).toEqual({ type: 5, data: { flags: 64 } });
    expect(fake.interactionFollowUps.get(interaction.token)).toMatchObject({ content: "Slow but sure." });
  });

  it("answers at once when the answer is ready in time, with no follow-up", async () => {
    const interaction = ask("ask");
    await answerInteraction(
      { bot: new RecordingBot(() => answer), rest: rest(), logger: capturedLogger().logger },
      interaction,
    );
    expect(fake.interactionResponses.get(interaction.id)).toMatchObject({
      type: 4,
      data: { content: "Slow but sure." },
    });
    expect(fake.interactionFollowUps.size).toBe(0);
  });

  it("defers after about 2 s by default, and the store's lock wait is shorter than Discord's 3 s", () => {
    expect(DEFER_AFTER_MS).toBeLessThanOrEqual(2_000);
    expect(LOCK_WAIT_MS).toBeLessThan(3_000);
  });
});
