import { commandMessages } from "../commands/messages.ts";
import type { Verdict } from "../engine/answer.ts";
import { messages as engineMessages } from "../engine/language/sentences.ts";
import { messages as subscriptionMessages } from "../subscriptions/messages.ts";

/**
 * Everything the bot says, in one catalogue: the engine's sentences, the commands' and
 * subscriptions' replies, and the few words each platform adapter adds of its own. Dates and ages
 * inside them are written by ./format.ts, through Intl.
 */

/** Marks a headline the base wrote for an article that has none, wherever a headline is shown. */
export const OUR_TITLE = "[our title]";

/** The verdict as a heading word, for surfaces that show it before the answer. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  yes: "Yes",
  no: "No",
  partly: "Partly",
  unknown: "Not known yet",
  "not-given": "Not in my sources",
  disputed: "Sources disagree",
};

/** The Slack adapter's own words; everything else a Slack user reads comes from the core. */
export const SLACK_WORDS = {
  slashCommand: "/brief",
  failed:
    "Something went wrong on my side answering that. Please try again in a minute, or type `/brief help`.",
  shareUnavailable:
    "That answer can't be shared any more. Ask again with `/brief <question>` and share the new one.",
} as const;

/** The few things the Discord adapter itself says. */
export const DISCORD_WORDS = {
  failed: "Sorry, something went wrong on my side while answering that. Please try again in a minute.",
  serverOnly: "briefbot works in server channels: use /brief there.",
  unknownCommand: "I don't know that command. Try /brief help.",
  cannotPostHere:
    "Note: I can't post in this channel yet, so notices would be paused. Give my role View Channel, " +
    "Send Messages and Embed Links here.",
} as const;

/** What the terminal itself says, as opposed to the core's replies. */
export const SHELL_WORDS = {
  greeting: 'briefbot: ask a question (e.g. "is the US embassy in Kyiv open?"), or type help. quit to leave.',
  failed: "Sorry, something went wrong answering that. Nothing was changed; please try again.",
} as const;

/** The whole catalogue, by who says it. */
export const catalogue = {
  engine: engineMessages,
  commands: commandMessages,
  subscriptions: subscriptionMessages,
  slack: SLACK_WORDS,
  discord: DISCORD_WORDS,
  shell: SHELL_WORDS,
  ourTitle: OUR_TITLE,
  verdicts: VERDICT_LABELS,
} as const;
