import type { CommandSummary, Reply } from "../../src/commands/reply.ts";
import type { SubscriptionView } from "../../src/subscriptions/types.ts";
import { type Block, context, type SlackMessage, section, sectionsForLines, slackMessage } from "./blocks.ts";
import { feedbackButtons } from "./feedback.ts";
import { SLACK_MESSAGES } from "./messages.ts";
import { escapeText, SLACK_LIMITS, slackDate, typeThis } from "./mrkdwn.ts";
import { answerBlocks } from "./renderAnswer.ts";
import { reviewBlocks } from "./review.ts";
import { shareButton, sharedByLine } from "./share.ts";
import { sourceText } from "./sourceText.ts";

export interface ReplyRenderOptions {
  /** How the user reaches the bot here ("/brief " or "@briefbot "), for "type this" hints. */
  commandPrefix: string;
  /** The question to re-ask when "Share in channel" is clicked; no button when absent. */
  shareQuestion?: string;
  /** Set when posting a shared answer: credits who shared it and shows what was asked. */
  sharedBy?: { userId: string; question: string };
}

function helpBlocks(commands: CommandSummary[], prefix: string): Block[] {
  const lines = commands.map((command) => {
    const admin = command.adminOnly ? " _(admins)_" : command.curatorOnly ? " _(curators)_" : "";
    const example = command.examples[0] ? `  e.g. ${typeThis(`${prefix}${command.examples[0]}`)}` : "";
    return `${typeThis(`${prefix}${command.usage}`)}${admin} · ${escapeText(command.description)}${example}`;
  });
  return [section("*What I can do*"), ...sectionsForLines(lines)];
}

/** A timestamp shown as its day, in each reader's time zone. */
function dayOf(iso: string): string {
  return slackDate({ date: iso.slice(0, 10), precision: "day" });
}

function subscriptionLine(view: SubscriptionView): string {
  const delivered = view.lastDelivered ? `, last notice ${dayOf(view.lastDelivered.at)}` : "";
  const suspended = view.suspended
    ? `\n   :warning: Paused: ${escapeText(view.suspended.reason)}. Subscribe again to resume.`
    : "";
  return `• *${escapeText(view.topicName)}*, since ${dayOf(view.createdAt)}${delivered}${suspended}`;
}

function subscriptionsBlocks(views: SubscriptionView[], text: string): Block[] {
  if (views.length === 0) return [section(escapeText(text))];
  return [section("*This channel follows*"), ...sectionsForLines(views.map(subscriptionLine))];
}

/** Errors say what to type instead; the core's text explains, the hint names the Slack way in. */
function resultBlocks(reply: Extract<Reply, { kind: "result" }>, prefix: string): Block[] {
  const icon = reply.ok ? ":white_check_mark:" : ":warning:";
  const blocks: Block[] = [section(`${icon} ${escapeText(reply.text)}`)];
  if (reply.code === "usage" || reply.code === "unknown-command") {
    blocks.push(context([`Type ${typeThis(`${prefix}help`)} to see every command.`]));
  }
  return blocks;
}

function bodyBlocks(reply: Reply, prefix: string): Block[] {
  switch (reply.kind) {
    case "answer":
      return answerBlocks(reply.answer, prefix);
    case "sources":
      return reply.sources.length > 0
        ? sectionsForLines(reply.sources.map((source) => sourceText(source)))
        : [section(escapeText(reply.text))];
    case "help":
      return helpBlocks(reply.commands, prefix);
    case "subscriptions":
      return subscriptionsBlocks(reply.subscriptions, reply.text);
    case "report":
      return [
        section(`*${escapeText(reply.title)}*`),
        ...sectionsForLines(reply.lines.map((line) => escapeText(line))),
      ];
    case "review":
      return reviewBlocks(reply);
    case "result":
      return resultBlocks(reply, prefix);
  }
}

/** Whether a reply is worth offering to the channel: answers and source lists, not command results. */
export function isShareable(reply: Reply): boolean {
  return reply.kind === "answer" || reply.kind === "sources";
}

/**
 * Renders any core reply as a Slack message. The button is only added when the question fits in
 * its value, since Slack rejects the whole message otherwise.
 */
export function renderReply(reply: Reply, options: ReplyRenderOptions): SlackMessage {
  const blocks = bodyBlocks(reply, options.commandPrefix);
  const question = options.shareQuestion;
  if (question && isShareable(reply) && question.length <= SLACK_LIMITS.buttonValue) {
    blocks.push(shareButton(question));
  }
  if (reply.kind === "answer" && reply.feedbackId) blocks.push(feedbackButtons(reply.feedbackId));
  if (options.sharedBy) blocks.push(sharedByLine(options.sharedBy.userId, options.sharedBy.question));
  return slackMessage(reply.text, blocks);
}

/** When the core failed (a bug or an outage): an apology and what to try, never the error itself. */
export function renderFailure(): SlackMessage {
  return slackMessage(SLACK_MESSAGES.failed, [section(`:warning: ${escapeText(SLACK_MESSAGES.failed)}`)]);
}
