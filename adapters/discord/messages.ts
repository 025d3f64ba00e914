/** The few things the Discord adapter itself says; everything else comes from the core. */
export const ADAPTER_MESSAGES = {
  failed: "Sorry, something went wrong on my side while answering that. Please try again in a minute.",
  serverOnly: "briefbot works in server channels: use /brief there.",
  unknownCommand: "I don't know that command. Try /brief help.",
  cannotPostHere:
    "Note: I can't post in this channel yet, so notices would be paused. Give my role View Channel, " +
    "Send Messages and Embed Links here.",
} as const;
