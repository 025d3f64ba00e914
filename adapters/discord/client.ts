import { Client, GatewayIntentBits, Options, SimpleShardingStrategy } from "discord.js";

/**
 * Guilds brings GUILD_CREATE (channels, roles, overwrites: what permission checks read) and
 * INTERACTION_CREATE; GuildMessages brings MESSAGE_CREATE in servers, DirectMessages in DMs.
 * Nothing privileged: without Message Content, Discord still sends the text of messages that
 * mention the bot and of direct messages to it.
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
];

/**
 * The discord.js client for the gateway. Shards run in this process (no worker threads): discord.js's
 * own `shards` / `shardCount` options pick which, from DISCORD_SHARDS and DISCORD_SHARD_COUNT, and
 * the gateway is uncompressed JSON: discord.js only compresses when zlib-sync is installed,
 * and this project does not install it. Messages are read from raw events and never cached.
 */
export function createDiscordClient(
  api: string,
  sharding: { shards?: "auto" | number[]; shardCount?: number } = {},
): Client {
  return new Client({
    ...(sharding.shards ? { shards: sharding.shards } : {}),
    ...(sharding.shardCount ? { shardCount: sharding.shardCount } : {}),
    intents: DISCORD_INTENTS,
    allowedMentions: { parse: [], repliedUser: false },
    rest: { api },
    ws: { buildStrategy: (manager) => new SimpleShardingStrategy(manager) },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
}
