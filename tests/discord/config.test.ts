import { describe, expect, it } from "vitest";
import { discordConfigSchema, isDiscordEnabled } from "../../adapters/discord/config.ts";
import { BOT_TOKEN } from "./fake/world.ts";

describe("reading the Discord settings from the environment", () => {
  it("leaves Discord off when DISCORD_TOKEN is missing or blank", () => {
    const blank = discordConfigSchema.parse({
      DISCORD_TOKEN: "  ",
      DISCORD_API_URL: "",
      DISCORD_GUILD_ID: "",
    });
    expect(isDiscordEnabled(blank)).toBe(false);
    expect(isDiscordEnabled(discordConfigSchema.parse({}))).toBe(false);
  });

  it("turns Discord on with a token, and keeps the API base without a trailing slash", () => {
    const config = discordConfigSchema.parse({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: "1186214536722317312",
      DISCORD_API_URL: "http://127.0.0.1:4000/api/",
      DISCORD_GUILD_ID: "1186215190437879838",
    });
    expect(isDiscordEnabled(config)).toBe(true);
    expect(config.DISCORD_API_URL).toBe("http://127.0.0.1:4000/api");
  });

  it("reports every problem at once, and never repeats the token in a message", () => {
    const result = discordConfigSchema.safeParse({
      DISCORD_TOKEN: `Bot ${BOT_TOKEN}`,
      DISCORD_APPLICATION_ID: "briefbot",
      DISCORD_API_URL: "discord.com/api",
      DISCORD_GUILD_ID: "12",
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join("."))).toEqual([
      "DISCORD_TOKEN",
      "DISCORD_APPLICATION_ID",
      "DISCORD_API_URL",
      "DISCORD_GUILD_ID",
    ]);
    expect(issues[0]?.message).toBe("must be the token alone, without the 'Bot ' prefix");
    expect(JSON.stringify(issues)).not.toContain(BOT_TOKEN);
  });

  it("rejects a value that is not a bot token", () => {
    const result = discordConfigSchema.safeParse({ DISCORD_TOKEN: "my-client-secret" });
    expect(result.error?.issues[0]?.message).toBe(
      "does not look like a bot token (Developer Portal > Bot > Reset Token)",
    );
  });
});
