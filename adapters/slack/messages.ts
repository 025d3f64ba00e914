/** The Slack adapter's own words to users. Everything else a user reads comes from the core. */
export const SLASH_COMMAND = "/brief";

/** How a user addresses the bot, for "type this" hints under answers and errors. */
export const COMMAND_PREFIX = { slash: `${SLASH_COMMAND} `, mention: "@briefbot ", direct: "" } as const;

export const SLACK_MESSAGES = {
  failed: `Something went wrong on my side answering that. Please try again in a minute, or type \`${SLASH_COMMAND} help\`.`,
  shareUnavailable: `That answer can't be shared any more. Ask again with \`${SLASH_COMMAND} <question>\` and share the new one.`,
} as const;
