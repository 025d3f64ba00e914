import { z } from "zod";

/**
 * Environment values arrive as strings; a blank `KEY=` line means "not set", not "set to nothing",
 * and stray spaces from copy-pasting a token are not part of it.
 */
const blankAsUnset = (value: unknown) => {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
};

const optionalText = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess(blankAsUnset, schema.optional());

/** The Slack adapter's own environment keys. Merged with the core's schema by adapters/main.ts. */
export const slackConfigShape = {
  SLACK_BOT_TOKEN: optionalText(
    z.string().startsWith("xoxb-", "must be the Bot User OAuth Token (starts with xoxb-)"),
  ),
  /** HTTP mode: verifies that requests to /slack/events come from Slack. */
  SLACK_SIGNING_SECRET: optionalText(z.string()),
  /** Socket Mode: when set, the bot connects out to Slack and needs no public URL. */
  SLACK_APP_TOKEN: optionalText(
    z.string().startsWith("xapp-", "must be an App-Level Token (starts with xapp-) with connections:write"),
  ),
  /** HTTP mode's listening port. 0 asks the system for a free one (tests). */
  PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65_535).default(3000)),
  /** Unset means Slack's own API; tests point it at their fake server. */
  SLACK_API_URL: optionalText(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
};

type SlackKeys = {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
};

/**
 * Cross-key rules, exported so a merged schema can apply them too. A half-configured Slack is
 * reported rather than silently left off: a token with no way to receive requests, or
 * receiving credentials with no token to answer with.
 */
export function refineSlackConfig(config: SlackKeys, ctx: z.RefinementCtx): void {
  if (config.SLACK_BOT_TOKEN) {
    if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message:
          "SLACK_BOT_TOKEN is set, so Slack needs a way to reach the bot: set SLACK_APP_TOKEN (Socket Mode) " +
          "or SLACK_SIGNING_SECRET (HTTP mode, public URL)",
      });
    }
    return;
  }
  for (const key of ["SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"] as const) {
    if (config[key]) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: `${key} is set but SLACK_BOT_TOKEN is not: set the bot token, or remove ${key} to keep Slack off`,
      });
    }
  }
}

export const slackConfigSchema = z.object(slackConfigShape).superRefine(refineSlackConfig);

export type SlackConfig = z.infer<typeof slackConfigSchema>;

/** Slack runs only when its bot token is set. */
export function isSlackEnabled(config: SlackConfig): config is SlackConfig & { SLACK_BOT_TOKEN: string } {
  return config.SLACK_BOT_TOKEN !== undefined;
}

/** Socket Mode wins when both are set: it needs no public URL, so it is the safer choice. */
export function slackConnectionMode(config: SlackConfig): "socket" | "http" {
  return config.SLACK_APP_TOKEN ? "socket" : "http";
}
