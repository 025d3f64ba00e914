import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from "discord.js";
import type { PostOutcome } from "../../src/delivery/poster.ts";

/** The scope a rejected token blocks: the bot has one token for every server. */
export const DISCORD_BLOCK_SCOPE = "discord";

/** Errors that mean this channel cannot take the bot's posts until someone changes something. */
const CHANNEL_GONE: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.UnknownChannel, "Unknown Channel (10003): the channel was deleted"],
  [
    RESTJSONErrorCodes.MissingAccess,
    "Missing Access (50001): the bot cannot see the channel or left the server",
  ],
  [RESTJSONErrorCodes.MissingPermissions, "Missing Permissions (50013): the bot may not post in the channel"],
]);

/**
 * Classifies a failed Create Message call. Only the three channel errors are permanent; any
 * other error, including ones not seen before, is retried, because suspending a channel's
 * subscriptions over a transient or unknown error loses notices for good while a retry costs
 * one request.
 */
export function classifyPostError(error: unknown): PostOutcome {
  if (error instanceof RateLimitError) {
    return {
      kind: "retry",
      reason: `rate limited (${error.global ? "global" : error.scope})`,
      ...(error.retryAfter > 0 ? { retryAfterMs: Math.ceil(error.retryAfter) } : {}),
      ...(error.global ? { platformWide: true } : {}),
    };
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) {
      return { kind: "blocked", reason: "Discord rejected the bot token (401)", scope: DISCORD_BLOCK_SCOPE };
    }
    const gone = typeof error.code === "number" ? CHANNEL_GONE.get(error.code) : undefined;
    if (gone) return { kind: "permanent", reason: gone };
    return { kind: "retry", reason: `Discord error ${error.code} (HTTP ${error.status}): ${error.message}` };
  }
  if (error instanceof HTTPError) return { kind: "retry", reason: `Discord HTTP ${error.status}` };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: "retry", reason: `network: ${message}` };
}
