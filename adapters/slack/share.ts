import type { types } from "@slack/bolt";
import { wellFormed } from "../../src/text/clean.ts";
import { context } from "./blocks.ts";
import { escapeText, fitText } from "./mrkdwn.ts";

/** The action id Bolt routes "Share in channel" clicks by. */
export const SHARE_ACTION_ID = "briefbot_share_answer";

/**
 * The "Share in channel" button. It carries the question, not the answer: the click re-asks it,
 * so what the channel sees is current and always fits the 2,000-character value limit.
 */
export function shareButton(question: string): types.ActionsBlock {
  return {
    type: "actions",
    block_id: "briefbot_share",
    elements: [
      {
        type: "button",
        action_id: SHARE_ACTION_ID,
        text: { type: "plain_text", text: "Share in channel", emoji: true },
        value: wellFormed(question),
      },
    ],
  };
}

/** Slack user ids only; anything else would be pasted into a `<@…>` mention. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/** Who put this answer in front of the channel, and what they asked (escaped: they typed it). */
export function sharedByLine(userId: string, question: string): types.ContextBlock {
  const who = USER_ID.test(userId) ? `<@${userId}>` : "someone";
  return context([`Shared by ${who} · asked “${fitText(escapeText(wellFormed(question)), 500)}”`]);
}
