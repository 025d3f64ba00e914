import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseAppConfig } from "../../adapters/config.ts";
import { createDiscordAdapter } from "../../adapters/discord/adapter.ts";
import { discordConfigSchema } from "../../adapters/discord/config.ts";
import type { Reply } from "../../src/commands/reply.ts";
import type { FakeDiscord } from "./fake/fakeDiscord.ts";
import { BOT_TOKEN } from "./fake/world.ts";
import { fixture } from "./support/fixtures.ts";
import { startFakeDiscord } from "./support/harness.ts";
import { RecordingBot } from "./support/recordingBot.ts";

let fake: FakeDiscord | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await fake?.close();
  fake = undefined;
  stop = undefined;
});

describe("Discord sharding, chosen by config", () => {
  it("when DISCORD_SHARDS lists shard ids out of DISCORD_SHARD_COUNT, discord.js identifies as exactly those shards", async () => {
    fake = await startFakeDiscord();
    const config = discordConfigSchema.parse({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: "1, 3",
      DISCORD_SHARD_COUNT: "4",
    });
    const adapter = createDiscordAdapter(config, pino({ level: "silent" }));
    stop = () => adapter.stop();
    await adapter.start(new RecordingBot(() => fixture<Reply>("reply-answer-kyiv-closed.json")));
    expect([...fake.gateway.shards].sort()).toEqual([
      [1, 4],
      [3, 4],
    ]);
  });

  it("when unset, one shard; shard ids without a count, or beyond it, are refused naming the key", () => {
    expect(discordConfigSchema.parse({ DISCORD_TOKEN: BOT_TOKEN }).DISCORD_SHARDS).toBeUndefined();
    const noCount = parseAppConfig({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_SHARDS: "0,1" });
    expect(noCount.ok).toBe(false);
    expect(!noCount.ok && noCount.problems).toEqual([
      "Config problem: DISCORD_SHARD_COUNT: set it with shard ids in DISCORD_SHARDS",
    ]);
    const beyond = parseAppConfig({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_SHARDS: "0,4",
      DISCORD_SHARD_COUNT: "4",
    });
    expect(!beyond.ok && beyond.problems).toEqual([
      "Config problem: DISCORD_SHARDS: shard ids must be below DISCORD_SHARD_COUNT (4)",
    ]);
    const auto = parseAppConfig({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_SHARDS: "auto" });
    expect(auto.ok && auto.value.discord.DISCORD_SHARDS).toBe("auto");
  });
});
