import type { Logger } from "pino";
import type { BotCore } from "../../src/adapter.ts";

/** What every Slack listener needs: the core (set when the adapter starts), a clock and a logger. */
export interface HandlerContext {
  bot(): BotCore;
  clock(): Date;
  logger: Logger;
}
