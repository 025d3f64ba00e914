import { type Logger, pino } from "pino";

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
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_APP_TOKEN",
  "*.SLACK_SIGNING_SECRET",
  "*.DISCORD_TOKEN",
];

/** A pino logger writing JSON lines to stderr, so stdout stays for answers. */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, destination);
}
