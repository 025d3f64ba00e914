import type { App } from "@slack/bolt";
import type { HandlerContext } from "./handlerContext.ts";
import { COMMAND_PREFIX } from "./messages.ts";
import { renderFailure, renderReply } from "./renderReply.ts";
import { type DirectMessagePayload, translateDirectMessage } from "./translate.ts";

/**
 * A direct message to the bot (the Messages tab of App Home, or any DM): answered like a mention,
 * in the DM itself with no thread needed. A DM is seen only by the person, so every reply goes there.
 */
export function registerDirectMessages(app: App, context: HandlerContext): void {
  app.event("message", async ({ event, body, context: bolt, client }) => {
    const request = translateDirectMessage(
      event as DirectMessagePayload,
      body.team_id,
      bolt.botUserId,
      context.clock(),
    );
    if (!request) return;
    const message = await context
      .bot()
      .handle(request)
      .then(
        (reply) => renderReply(reply, { commandPrefix: COMMAND_PREFIX.direct }),
        (error: unknown) => {
          context.logger.error({ err: error, channel: request.channel.id }, "direct message failed");
          return renderFailure();
        },
      );
    await client.chat.postMessage({
      channel: (event as DirectMessagePayload).channel,
      unfurl_links: false,
      unfurl_media: false,
      ...message,
    });
  });
}
