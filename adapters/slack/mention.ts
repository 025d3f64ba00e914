import type { App } from "@slack/bolt";
import type { HandlerContext } from "./handlerContext.ts";
import { COMMAND_PREFIX } from "./messages.ts";
import { renderFailure, renderReply } from "./renderReply.ts";
import { translateMention } from "./translate.ts";

/**
 * `@briefbot <question>`: public replies go in a thread under the message, so a channel's main
 * view stays clean. Private ones (help, errors, a channel's subscriptions) are ephemeral; they are
 * only threaded when a thread already exists, since Slack hides ephemeral replies that would
 * start one.
 */
export function registerMention(app: App, context: HandlerContext): void {
  app.event("app_mention", async ({ event, body, context: bolt, client }) => {
    const request = translateMention(event, body.team_id, bolt.botUserId, context.clock());
    if (!request || !event.user) return;
    const { message, visibility } = await context
      .bot()
      .handle(request)
      .then(
        (reply) => ({
          message: renderReply(reply, { commandPrefix: COMMAND_PREFIX.mention }),
          visibility: reply.visibility,
        }),
        (error: unknown) => {
          context.logger.error({ err: error, channel: request.channel.id }, "mention failed");
          return { message: renderFailure(), visibility: "private" as const };
        },
      );
    if (visibility === "private") {
      await client.chat.postEphemeral({
        channel: event.channel,
        user: event.user,
        ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
        ...message,
      });
      return;
    }
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      unfurl_links: false,
      unfurl_media: false,
      ...message,
    });
  });
}
