import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { HandlerContext } from "./handlerContext.ts";
import { COMMAND_PREFIX, SLACK_MESSAGES } from "./messages.ts";
import { escapeText } from "./mrkdwn.ts";
import { isShareable, renderFailure, renderReply } from "./renderReply.ts";
import { SHARE_ACTION_ID } from "./share.ts";
import { translateShareClick } from "./translate.ts";

/**
 * "Share in channel": re-asks the question as the person who clicked and posts the answer for
 * everyone through the click's `response_url` (which works even where the bot is not a member),
 * then removes the private copy so the asker does not see it twice.
 */
export function registerShareAction(app: App, context: HandlerContext): void {
  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, body, respond }) => {
    await ack();
    const request = translateShareClick(body, context.clock());
    const reply = request
      ? await context
          .bot()
          .handle(request)
          .catch((error: unknown) => {
            context.logger.error({ err: error, channel: request.channel.id }, "share failed");
            return undefined;
          })
      : undefined;
    if (!request || !reply || !isShareable(reply)) {
      // No reply means the core failed; anything else means the button no longer leads to an answer.
      const message =
        request && !reply ? renderFailure() : { text: escapeText(SLACK_MESSAGES.shareUnavailable) };
      await respond({ response_type: "ephemeral", replace_original: false, ...message });
      return;
    }
    const sharedBy = { userId: request.user.id, question: request.text };
    const message = renderReply(reply, { commandPrefix: COMMAND_PREFIX.slash, sharedBy });
    await respond({ response_type: "in_channel", replace_original: false, ...message });
    await respond({ delete_original: true });
  });
}
