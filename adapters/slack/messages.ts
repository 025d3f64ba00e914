import { SLACK_WORDS } from "../../src/messages/catalogue.ts";

/** The Slack adapter's own words to users, from the bot's one catalogue. */
export const SLASH_COMMAND = SLACK_WORDS.slashCommand;

/** How a user addresses the bot, for "type this" hints under answers and errors. */
export const COMMAND_PREFIX = { slash: `${SLASH_COMMAND} `, mention: "@briefbot ", direct: "" } as const;

export const SLACK_MESSAGES = {
  failed: SLACK_WORDS.failed,
  shareUnavailable: SLACK_WORDS.shareUnavailable,
} as const;
