import type { Reply } from "../../src/commands/reply.ts";
import { feedbackRow } from "./feedback.ts";
import { escapeText } from "./format.ts";
import { LIMITS, truncate } from "./limits.ts";
import { type DiscordMessage, NO_PINGS } from "./message.ts";
import { renderAnswer } from "./renderAnswer.ts";
import { renderHelp, renderReport, renderSources, renderSubscriptions } from "./renderLists.ts";
import { renderReview } from "./review.ts";

export type { DiscordMessage } from "./message.ts";
export { renderNotice } from "./renderNotice.ts";

/**
 * A core reply as a Discord message body. Pure: the caller decides where it goes and, for
 * interactions, turns `reply.visibility` into the ephemeral flag.
 */
export function renderReply(reply: Reply, options: { question?: string } = {}): DiscordMessage {
  switch (reply.kind) {
    case "answer": {
      const message = renderAnswer(reply.answer, options.question);
      return reply.feedbackId ? { ...message, components: [feedbackRow(reply.feedbackId)] } : message;
    }
    case "help":
      return renderHelp(reply.commands);
    case "sources":
      return renderSources(reply.sources, reply.text);
    case "subscriptions":
      return renderSubscriptions(reply.channel, reply.subscriptions, reply.text);
    case "report":
      return renderReport(reply.title, reply.lines);
    case "review":
      return renderReview(reply);
    case "result":
      return renderPlain(reply.text);
  }
}

/** Plain text from the core or the adapter, escaped and within the content limit. */
export function renderPlain(text: string): DiscordMessage {
  return { content: truncate(escapeText(text), LIMITS.content), allowed_mentions: NO_PINGS };
}
