import type { App, BlockAction, ButtonAction, types, ViewSubmitAction } from "@slack/bolt";
import type { Reply, ReviewItemView } from "../../src/commands/reply.ts";
import { type Block, section, sectionsForLines } from "./blocks.ts";
import type { HandlerContext } from "./handlerContext.ts";
import { COMMAND_PREFIX, SLACK_MESSAGES } from "./messages.ts";
import { escapeText, SLACK_LIMITS } from "./mrkdwn.ts";
import { renderFailure, renderReply } from "./renderReply.ts";
import { slackChannelRef, slackUser } from "./translate.ts";

/** The action ids of a review item's buttons, and the edit form's callback id. */
export const REVIEW_ACTIONS = {
  approve: "briefbot_review_approve",
  edit: "briefbot_review_edit",
  reject: "briefbot_review_reject",
} as const;
export const REVIEW_EDIT_VIEW = "briefbot_review_edit";
const FIELDS = ["state", "date", "reason"] as const;

/** Items shown with buttons: two blocks each, under Slack's 50 blocks a message. */
const MAX_ITEMS = 20;

/** One pending item: what it proposes, where from, the article's sentence, and its buttons (only its id in each). */
function itemBlocks(item: ReviewItemView): Block[] {
  const quote = item.sentence ? `\n>${escapeText(item.sentence)}` : "";
  const button = (
    action: keyof typeof REVIEW_ACTIONS,
    label: string,
    style?: "primary" | "danger",
  ): types.Button => ({
    type: "button",
    action_id: REVIEW_ACTIONS[action],
    text: { type: "plain_text", text: label },
    value: item.id,
    ...(style ? { style } : {}),
  });
  return [
    section(`*${escapeText(item.headline)}*\n${escapeText(item.source)} · \`${item.id}\`${quote}`),
    {
      type: "actions",
      block_id: `briefbot_review_${item.id}`,
      elements: [
        button("approve", "Approve", "primary"),
        ...(item.editable ? [button("edit", "Edit")] : []),
        button("reject", "Reject", "danger"),
      ],
    },
  ];
}

/** The review list as Block Kit: a heading, each item with Approve, Edit and Reject, and unreadable drafts. */
export function reviewBlocks(reply: Extract<Reply, { kind: "review" }>): Block[] {
  const [heading] = reply.text.split("\n");
  const shown = reply.items.slice(0, MAX_ITEMS);
  const more = reply.items.length - shown.length;
  return [
    section(escapeText(heading ?? "")),
    ...shown.flatMap(itemBlocks),
    ...(more > 0 ? [section(`…and ${more} more: approve or reject some to see them.`)] : []),
    ...(reply.problems.length > 0
      ? sectionsForLines([
          ":warning: *These drafts cannot be read until they are fixed:*",
          ...reply.problems.map(escapeText),
        ])
      : []),
  ];
}

/** The form an Edit click opens: state, date and reason, blank for unchanged. */
export function editModal(itemId: string, channel: string): types.ModalView {
  const input = (name: (typeof FIELDS)[number], label: string, hint: string): types.InputBlock => ({
    type: "input",
    block_id: name,
    optional: true,
    label: { type: "plain_text", text: label },
    element: {
      type: "plain_text_input",
      action_id: name,
      placeholder: { type: "plain_text", text: hint },
      max_length: 500,
    },
  });
  return {
    type: "modal",
    callback_id: REVIEW_EDIT_VIEW,
    private_metadata: JSON.stringify({ itemId, channel }),
    title: { type: "plain_text", text: "Edit the change" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      input("state", "New state", "e.g. open, closed, limited (blank: unchanged)"),
      input("date", "Effective date", "YYYY-MM-DD, YYYY-MM or YYYY (blank: unchanged)"),
      input("reason", "Reason", "the cause the article gives (blank: unchanged)"),
    ],
  };
}

/**
 * The review buttons and the edit form. Approve and Reject are the clicker's own `review approve <id>`
 * or `review reject <id>`, so the core decides who may and holds an approval for its confirm; the
 * reply goes back privately, or to the channel when the core makes it public (an approval).
 */
export function registerReview(app: App, context: HandlerContext): void {
  for (const action of ["approve", "reject"] as const) {
    app.action<BlockAction<ButtonAction>>(REVIEW_ACTIONS[action], async ({ ack, body, respond }) => {
      await ack();
      const id = body.actions.find((a) => a.action_id === REVIEW_ACTIONS[action])?.value;
      const teamId = body.team?.id ?? body.user.team_id;
      if (!id || id.length > SLACK_LIMITS.buttonValue || !body.channel || !teamId) return;
      const request = {
        text: `review ${action} ${id}`,
        channel: slackChannelRef(teamId, body.channel.id, body.channel.name),
        user: slackUser(body.user.id, body.user.username ?? body.user.name),
        canManageSubscriptions: false,
        now: context.clock(),
      };
      const message = await context
        .bot()
        .handle(request)
        .then((reply) => ({
          response_type:
            reply.kind === "result" && reply.visibility === "public" ? "in_channel" : "ephemeral",
          ...renderReply(reply, { commandPrefix: COMMAND_PREFIX.slash }),
        }))
        .catch((error: unknown) => {
          context.logger.error({ err: error }, "could not review an item");
          return { response_type: "ephemeral", ...renderFailure() };
        });
      await respond({ replace_original: false, ...(message as { response_type: "ephemeral" }) }).catch(
        (error: unknown) => context.logger.warn({ err: error }, "could not answer a review click"),
      );
    });
  }
  app.action<BlockAction<ButtonAction>>(REVIEW_ACTIONS.edit, async ({ ack, body, client }) => {
    await ack();
    const id = body.actions.find((a) => a.action_id === REVIEW_ACTIONS.edit)?.value;
    if (!id) return;
    await client.views
      .open({ trigger_id: body.trigger_id, view: editModal(id, body.channel?.id ?? "") })
      .catch((error: unknown) => context.logger.warn({ err: error }, "could not open the edit form"));
  });
  app.view<ViewSubmitAction>(REVIEW_EDIT_VIEW, async ({ ack, body, view }) => {
    let itemId = "";
    try {
      itemId = String((JSON.parse(view.private_metadata) as { itemId?: unknown }).itemId ?? "");
    } catch {
      itemId = "";
    }
    const value = (name: string) => view.state.values[name]?.[name]?.value?.trim() || undefined;
    const bot = context.bot();
    const edit = { itemId, user: { platform: "slack" as const, id: body.user.id } };
    const said =
      bot.reviewEdit && itemId
        ? await bot
            .reviewEdit({
              ...edit,
              ...Object.fromEntries(FIELDS.flatMap((f) => (value(f) ? [[f, value(f)]] : []))),
            })
            .then((reply) => reply.text)
            .catch((error: unknown) => {
              context.logger.error({ err: error }, "could not edit a review item");
              return SLACK_MESSAGES.failed;
            })
        : SLACK_MESSAGES.failed;
    await ack({
      response_action: "update",
      view: {
        type: "modal",
        title: { type: "plain_text", text: "Edit the change" },
        close: { type: "plain_text", text: "Close" },
        blocks: [{ type: "section", text: { type: "plain_text", text: said.slice(0, 2900) } }],
      },
    });
  });
}
