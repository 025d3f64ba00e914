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

/**
 * At debug level Bolt logs whole request bodies, which carry Slack's legacy verification `token`,
 * and the Web API client logs the Socket Mode URL with its connection `ticket`. Both are credentials,
 * as are any xox…/xapp- tokens, so they are blanked before a line is written.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, "$1-[redacted]")
    .replace(/("token"\s*:\s*")[^"]*"/g, '$1[redacted]"')
    .replace(/([?&](?:token|ticket)=)[^&"\s]+/g, "$1[redacted]");
}

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
 * pino stream, with credentials blanked. Levels follow pino's; Bolt's own `setLevel` is ignored so
 * config stays in one place.
 */
export function boltLoggerFrom(logger: Logger): BoltLogger {
  let child = logger.child({ component: "slack" });
  const write =
    (level: Level) =>
    (...parts: unknown[]) => {
      const err = parts.find((part) => part instanceof Error);
      const message = redactSecrets(
        parts
          .filter((part) => !(part instanceof Error))
          .map(describe)
          .join(" "),
      );
      // The Web API client warns of each failed try before it retries; the caller reports the outcome once.
      const shown = level === "warn" && message.startsWith("http request failed") ? "debug" : level;
      if (err) child[shown]({ err }, message || (err as Error).message);
      else child[shown](message);
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
