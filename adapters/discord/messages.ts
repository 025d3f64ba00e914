import { DISCORD_WORDS } from "../../src/messages/catalogue.ts";

/** The few things the Discord adapter itself says, from the bot's one catalogue. */
export const ADAPTER_MESSAGES = DISCORD_WORDS;
