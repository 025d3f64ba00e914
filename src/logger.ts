import { type Logger, pino } from "pino";
import { redactSecrets } from "./failure.ts";

/**
 * Paths pino blanks out before anything is written. Tokens, signing secrets and authorization
 * headers must never reach a log, whoever logs the object that holds them.
 */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  "*.*.*.headers.authorization",
  "headers.Authorization",
  "*.headers.Authorization",
  "*.*.headers.Authorization",
  "*.*.*.headers.Authorization",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_APP_TOKEN",
  "*.SLACK_SIGNING_SECRET",
  "*.DISCORD_TOKEN",
];

/** Parts of HTTP client errors (axios, Slack's and Discord's clients) that carry request credentials. */
const ERROR_KEYS_WITH_CREDENTIALS = ["config", "request", "response", "headers", "options"];

/**
 * Errors are logged by message, type, code and stack. Client errors carry the request that
 * failed, credentials included, at depths no redact path can list, so those parts are dropped.
 */
function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== "object") return serialized;
  for (const key of ERROR_KEYS_WITH_CREDENTIALS) delete serialized[key];
  return serialized;
}

/**
 * A pino logger writing JSON lines to stderr, so stdout stays for answers. Besides the redact
 * paths, every secret value given is blanked out of each line as it is written, wherever in the
 * line it appears (an error message quoting a server's reply, a URL, a header).
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
  secrets: readonly string[] = [],
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError },
      ...(secrets.length > 0
        ? { hooks: { streamWrite: (line: string) => redactSecrets(line, secrets) } }
        : {}),
    },
    destination,
  );
}
