import type { ChatRequest } from "../../src/commands/request.ts";
import { wellFormed } from "../../src/text/clean.ts";

/** The terminal is one channel, the same across restarts, so its subscriptions persist. */
const SHELL_CHANNEL = { platform: "shell", id: "terminal", name: "terminal" } as const;

/** A typed line -> a core request. The person at the terminal may manage subscriptions. */
export function translate(line: string, user: string, now: Date): ChatRequest {
  return {
    text: wellFormed(line),
    channel: { ...SHELL_CHANNEL },
    user: { platform: "shell", id: user, name: user },
    canManageSubscriptions: true,
    now,
  };
}
