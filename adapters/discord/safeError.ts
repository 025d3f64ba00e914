import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";

/**
 * The loggable part of an error. REST errors carry the request URL, and an interaction
 * callback's URL holds the interaction token, so the URL and request body are left out.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return { type: "DiscordAPIError", code: error.code, status: error.status, message: error.message };
  }
  if (error instanceof RateLimitError) {
    return { type: "RateLimitError", route: error.route, retryAfter: error.retryAfter, global: error.global };
  }
  if (error instanceof HTTPError) return { type: "HTTPError", status: error.status };
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error, message: String(error) };
}
