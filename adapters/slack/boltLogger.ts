import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

type Level = "debug" | "info" | "warn" | "error";

const BOLT_LEVEL: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

function describe(part: unknown): string {
  if (typeof part === "string") return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/**
 * Bolt, its Web API client and Socket Mode log through this, so their lines land in the bot's one
 * pino stream. Levels follow pino's; Bolt's own `setLevel` is ignored so config stays in one place.
 * The Web API client redacts tokens before it logs, and nothing here adds request headers.
 */
export function boltLoggerFrom(logger: Logger): BoltLogger {
  let child = logger.child({ component: "slack" });
  const write =
    (level: Level) =>
    (...parts: unknown[]) => {
      const err = parts.find((part) => part instanceof Error);
      const message = parts
        .filter((part) => !(part instanceof Error))
        .map(describe)
        .join(" ");
      if (err) child[level]({ err }, message || (err as Error).message);
      else child[level](message);
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: () => {},
    getLevel: () => BOLT_LEVEL[child.level] ?? LogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
