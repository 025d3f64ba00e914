import { z } from "zod";

/** Environment values arrive as strings; a blank `KEY=` line means "not set", not "set to nothing". */
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, "must be a Discord id: 17 to 20 digits (Developer Mode > Copy ID)");

/**
 * Discord bot tokens are three dot-separated base64url parts. The messages never echo the
 * value, so a misconfigured token cannot end up in a log through a validation error.
 */
const botToken = z
  .string()
  .trim()
  .refine((token) => !/^bot\s/i.test(token), "must be the token alone, without the 'Bot ' prefix")
  .refine(
    (token) => /^bot\s/i.test(token) || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token),
    "does not look like a bot token (Developer Portal > Bot > Reset Token)",
  );

/** The Discord adapter's own environment keys. Merged with the core's schema by adapters/main.ts. */
export const discordConfigShape = {
  /** Turns the Discord adapter on. */
  DISCORD_TOKEN: optional(botToken),
  /** Needed to register slash commands (`npm run discord:register`) and to print the invite link. */
  DISCORD_APPLICATION_ID: optional(snowflake),
  /** REST base without the version, e.g. https://discord.com/api. Unset means Discord's own; tests use a fake. */
  DISCORD_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://discord.com/api" })
      .transform((url) => url.replace(/\/+$/, "")),
  ),
  /** Registers slash commands in this one server (instant) instead of globally. */
  DISCORD_GUILD_ID: optional(snowflake),
  /**
   * Which gateway shards this process runs, through discord.js's own sharding: `auto` (Discord's
   * recommended count, all in this process) or shard ids such as `0,1` out of DISCORD_SHARD_COUNT,
   * so that several instances split the gateway between them. Unset: one shard.
   */
  DISCORD_SHARDS: optional(
    z.union([
      z.literal("auto"),
      z
        .string()
        .trim()
        .regex(/^\d+(\s*,\s*\d+)*$/, "must be auto or shard ids such as 0,1")
        .transform((ids) => ids.split(",").map((id) => Number(id.trim()))),
    ]),
  ),
  /** How many shards the bot runs across all instances; needed with shard ids in DISCORD_SHARDS. */
  DISCORD_SHARD_COUNT: optional(z.coerce.number().int().min(1).max(1000)),
};

/** Shard ids need a total, and must be below it. */
export function refineDiscordSharding(
  config: { DISCORD_SHARDS?: "auto" | number[]; DISCORD_SHARD_COUNT?: number },
  context: z.RefinementCtx,
): void {
  const shards = config.DISCORD_SHARDS;
  if (!Array.isArray(shards)) return;
  const count = config.DISCORD_SHARD_COUNT;
  if (count === undefined)
    context.addIssue({
      code: "custom",
      path: ["DISCORD_SHARD_COUNT"],
      message: "set it with shard ids in DISCORD_SHARDS",
    });
  else if (shards.some((id) => id >= count))
    context.addIssue({
      code: "custom",
      path: ["DISCORD_SHARDS"],
      message: `shard ids must be below DISCORD_SHARD_COUNT (${count})`,
    });
}

export const discordConfigSchema = z.object(discordConfigShape);

export type DiscordConfig = z.infer<typeof discordConfigSchema>;

/** Discord runs only when its bot token is set. */
export function isDiscordEnabled(config: DiscordConfig): config is DiscordConfig & { DISCORD_TOKEN: string } {
  return config.DISCORD_TOKEN !== undefined;
}

/** Discord's public REST base, used when DISCORD_API_URL is unset. */
export const DISCORD_API_URL = "https://discord.com/api";
