import type { App, BlockAction, ButtonAction, types, ViewSubmitAction } from "@slack/bolt";
import { CURATOR_MESSAGES } from "../../src/curator/messages.ts";
import { MAX_FEEDBACK_REASON } from "../../src/curator/record.ts";
import type { Vote } from "../../src/curator/types.ts";
import type { HandlerContext } from "./handlerContext.ts";
import { SLACK_MESSAGES } from "./messages.ts";
import { escapeText } from "./mrkdwn.ts";

/** The action ids Bolt routes the two feedback buttons by, and the reason modal's callback id. */
export const FEEDBACK_ACTIONS: Record<Vote, string> = {
  helpful: "briefbot_feedback_helpful",
  wrong: "briefbot_feedback_wrong",
};
export const FEEDBACK_REASON_VIEW = "briefbot_feedback_reason";
const REASON_BLOCK = "reason";
const REASON_INPUT = "reason";

/**
 * "Helpful" and "Wrong" under an answer. Each carries only the stored answer's id, so a click works
 * on any instance and after a restart, for as long as the answer is kept.
 */
export function feedbackButtons(answerId: string): types.ActionsBlock {
  const button = (vote: Vote, label: string, emoji: string): types.Button => ({
    type: "button",
    action_id: FEEDBACK_ACTIONS[vote],
    text: { type: "plain_text", text: `${emoji} ${label}`, emoji: true },
    value: answerId,
  });
  return {
    type: "actions",
    block_id: "briefbot_feedback",
    elements: [
      button("helpful", CURATOR_MESSAGES.helpfulButton, ":thumbsup:"),
      button("wrong", CURATOR_MESSAGES.wrongButton, ":thumbsdown:"),
    ],
  };
}

/** The short, optional reason a "wrong" click opens. */
export function reasonModal(answerId: string): types.ModalView {
  return {
    type: "modal",
    callback_id: FEEDBACK_REASON_VIEW,
    private_metadata: answerId,
    title: { type: "plain_text", text: CURATOR_MESSAGES.reasonTitle },
    submit: { type: "plain_text", text: CURATOR_MESSAGES.submit },
    close: { type: "plain_text", text: "Skip" },
    blocks: [
      {
        type: "input",
        block_id: REASON_BLOCK,
        optional: true,
        label: { type: "plain_text", text: CURATOR_MESSAGES.reasonLabel },
        element: {
          type: "plain_text_input",
          action_id: REASON_INPUT,
          multiline: true,
          max_length: MAX_FEEDBACK_REASON,
          placeholder: { type: "plain_text", text: CURATOR_MESSAGES.reasonPlaceholder },
        },
      },
    ],
  };
}

const note = (text: string) => ({
  response_type: "ephemeral" as const,
  replace_original: false,
  text: escapeText(text),
});

/**
 * The feedback buttons and the reason modal. A click records the vote at once (a "wrong" also opens
 * the modal, which may be closed without a reason), and tells the voter privately what was kept.
 */
export function registerFeedback(app: App, context: HandlerContext): void {
  for (const vote of ["helpful", "wrong"] as const) {
    app.action<BlockAction<ButtonAction>>(FEEDBACK_ACTIONS[vote], async ({ ack, body, respond, client }) => {
      await ack();
      const answerId = body.actions.find((a) => a.action_id === FEEDBACK_ACTIONS[vote])?.value;
      const bot = context.bot();
      if (!answerId || !bot.feedback) return;
      if (vote === "wrong") {
        // The trigger lasts three seconds: the modal opens before anything else is done.
        await client.views
          .open({ trigger_id: body.trigger_id, view: reasonModal(answerId) })
          .catch((error: unknown) => context.logger.warn({ err: error }, "could not open the reason form"));
      }
      const user = { platform: "slack" as const, id: body.user.id };
      const said = await bot
        .feedback({ answerId, user, vote, now: context.clock() })
        .then((result) => result.text)
        .catch((error: unknown) => {
          context.logger.error({ err: error }, "could not record feedback");
          return SLACK_MESSAGES.failed;
        });
      await respond(note(said)).catch((error: unknown) =>
        context.logger.warn({ err: error }, "could not confirm feedback"),
      );
    });
  }
  app.view<ViewSubmitAction>(FEEDBACK_REASON_VIEW, async ({ ack, body, view }) => {
    const answerId = view.private_metadata;
    const text = view.state.values[REASON_BLOCK]?.[REASON_INPUT]?.value ?? "";
    const bot = context.bot();
    const said = bot.feedbackReason
      ? await bot
          .feedbackReason({
            answerId,
            user: { platform: "slack", id: body.user.id },
            text,
            now: context.clock(),
          })
          .catch((error: unknown) => {
            context.logger.error({ err: error }, "could not record a feedback reason");
            return SLACK_MESSAGES.failed;
          })
      : SLACK_MESSAGES.failed;
    await ack({
      response_action: "update",
      view: {
        type: "modal",
        title: { type: "plain_text", text: CURATOR_MESSAGES.reasonTitle },
        close: { type: "plain_text", text: "Close" },
        blocks: [{ type: "section", text: { type: "plain_text", text: said } }],
      },
    });
  });
}
