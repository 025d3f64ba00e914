/** The Discord adapter's public surface, for adapters/main.ts. */
export { createDiscordAdapter, DiscordAdapter } from "./adapter.ts";
export { type DiscordConfig, discordConfigSchema, discordConfigShape, isDiscordEnabled } from "./config.ts";
