import { type APIMessage, REST, Routes } from "discord.js";
import type { Logger } from "pino";
import type { DeliveryAttempt, Pacing, Poster, PostOutcome } from "../../src/delivery/poster.ts";
import { discordNonce } from "./nonce.ts";
import { classifyPostError } from "./postOutcome.ts";
import { renderNotice } from "./render.ts";
import { renderReport } from "./renderLists.ts";

/**
 * Discord allows 50 requests a second per bot, and about five messages per five seconds in
 * one channel; one notice a second per channel stays well inside that.
 */
export const DISCORD_PACING: Pacing = { perChannelIntervalMs: 1000, globalPerSecond: 50 };

/**
 * The poster's own REST client. The outbox owns retries, so this one never retries: no retries
 * on 5xx or network errors (a second try could post twice), and a 429 rejects with its
 * retry-after instead of waiting in a queue. No offset, so retry-after is Discord's own figure.
 */
export function createPosterRest(api: string, token: string, rateScale = 1): REST {
  return new REST({
    api,
    retries: 0,
    rejectOnRateLimit: () => true,
    globalRequestsPerSecond: DISCORD_PACING.globalPerSecond * rateScale,
    offset: 0,
  }).setToken(token);
}

export interface DiscordPosterOptions {
  rest: REST;
  /** Set again before each post: @discordjs/rest forgets its token after a 401. */
  token: string;
  logger: Logger;
  /** True while the channel's guild is in an outage: its errors are then never taken as final. */
  inUnavailableGuild?: (channelId: string) => boolean;
}

/**
 * Posts notices through REST `POST /channels/{id}/messages`. Every try of one delivery
 * carries the delivery's nonce with `enforce_nonce`, so if a try reached Discord but its
 * answer was lost, the retry returns the first message instead of posting a second.
 */
export function createDiscordPoster(options: DiscordPosterOptions): Poster {
  const logger = options.logger.child({ component: "discord-poster" });
  return {
    platform: "discord",
    pacing: DISCORD_PACING,
    idempotent: true,
    async post(channel, notice, attempt: DeliveryAttempt): Promise<PostOutcome> {
      options.rest.setToken(options.token);
      // Sampled before the request too: the server may come back while the answer is on its way.
      const unavailableBefore = options.inUnavailableGuild?.(channel.id) ?? false;
      try {
        const message = (await options.rest.post(Routes.channelMessages(channel.id), {
          body: { ...renderNotice(notice), nonce: discordNonce(attempt.nonce), enforce_nonce: true },
        })) as APIMessage;
        return { kind: "sent", messageId: message.id };
      } catch (error) {
        let outcome = classifyPostError(error);
        // The post is still tried during an outage (REST may well work), but an outage never
        // suspends a channel: its subscriptions stay as they are and the delivery waits.
        if (outcome.kind === "permanent" && (unavailableBefore || options.inUnavailableGuild?.(channel.id))) {
          outcome = { kind: "retry", reason: `server unavailable (Discord outage); ${outcome.reason}` };
        }
        logger.warn(
          { channel: channel.id, delivery: attempt.deliveryId, attempt: attempt.attempt, outcome },
          "notice not posted",
        );
        return outcome;
      }
    },
    async postReport(channel, report): Promise<PostOutcome> {
      options.rest.setToken(options.token);
      try {
        const message = (await options.rest.post(Routes.channelMessages(channel.id), {
          body: renderReport(report.title, report.lines),
        })) as APIMessage;
        return { kind: "sent", messageId: message.id };
      } catch (error) {
        const outcome = classifyPostError(error);
        logger.warn({ channel: channel.id, outcome }, "curators' digest not posted");
        return outcome;
      }
    },
  };
}
