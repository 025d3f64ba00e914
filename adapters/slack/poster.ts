import { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { ChannelRef } from "../../src/commands/request.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import type { DeliveryAttempt, Pacing, Poster, PostOutcome } from "../../src/delivery/poster.ts";
import { type SlackMessage, section, sectionsForLines, slackMessage } from "./blocks.ts";
import { boltLoggerFrom } from "./boltLogger.ts";
import { escapeText } from "./mrkdwn.ts";
import { classifyPostError, isContentRejection } from "./postOutcome.ts";
import { renderNotice } from "./renderNotice.ts";

/** "T024BE7LD:C061EG9SL" split back into the workspace and the channel. */
export function splitChannelId(id: string): { teamId: string; channelId: string } {
  const at = id.indexOf(":");
  return at < 0 ? { teamId: "", channelId: id } : { teamId: id.slice(0, at), channelId: id.slice(at + 1) };
}

/**
 * Slack allows about one message per second per channel. The global ceiling stays well under a
 * workspace's burst allowance so answers to people are never starved by a wave of notices.
 */
export const SLACK_PACING: Pacing = { perChannelIntervalMs: 1000, globalPerSecond: 10 };

/**
 * A Web API client that never waits or retries on its own: the outbox owns retries, so a 429
 * must come straight back as a `retry` outcome with its Retry-After, not sit in the client's queue.
 */
export function createPostingClient(
  token: string,
  slackApiUrl: string | undefined,
  logger: Logger,
): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: boltLoggerFrom(logger),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  });
}

/** Posts status-change notices with `chat.postMessage` and classifies the outcome; never retries. */
export class SlackPoster implements Poster {
  readonly platform = "slack" as const;
  readonly pacing = SLACK_PACING;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  scopeOf(channel: ChannelRef): string {
    return `slack:${splitChannelId(channel.id).teamId}`;
  }

  async post(
    channel: ChannelRef,
    notice: StatusChangeNotice,
    attempt: DeliveryAttempt,
  ): Promise<PostOutcome> {
    const { channelId } = splitChannelId(channel.id);
    const message = renderNotice(notice);
    try {
      return await this.send(channelId, message);
    } catch (error) {
      if (!isContentRejection(error)) return this.outcome(channel, attempt, error);
      // Our blocks were refused (a Slack limit we did not foresee): the plain text still informs.
      this.logger.warn(
        { channel: channel.id, notice: notice.id },
        "Slack refused the notice blocks; sending text",
      );
      try {
        return await this.send(channelId, { text: message.text, blocks: [] });
      } catch (retryError) {
        return this.outcome(channel, attempt, retryError);
      }
    }
  }

  async postReport(channel: ChannelRef, report: { title: string; lines: string[] }): Promise<PostOutcome> {
    const text = [report.title, ...report.lines].join("\n");
    const blocks = [
      section(`*${escapeText(report.title)}*`),
      ...sectionsForLines(report.lines.map((line) => escapeText(line))),
    ];
    try {
      return await this.send(splitChannelId(channel.id).channelId, slackMessage(text, blocks));
    } catch (error) {
      const outcome = classifyPostError(error, this.scopeOf(channel));
      this.logger.warn({ channel: channel.id, outcome }, "Slack curators' digest not posted");
      return outcome;
    }
  }

  private async send(channelId: string, message: SlackMessage): Promise<PostOutcome> {
    const result = await this.client.chat.postMessage({
      channel: channelId,
      text: message.text,
      ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return { kind: "sent", ...(result.ts ? { messageId: result.ts } : {}) };
  }

  private outcome(channel: ChannelRef, attempt: DeliveryAttempt, error: unknown): PostOutcome {
    const outcome = classifyPostError(error, this.scopeOf(channel));
    this.logger.warn(
      { channel: channel.id, delivery: attempt.deliveryId, attempt: attempt.attempt, outcome },
      "Slack notice not delivered",
    );
    return outcome;
  }
}
