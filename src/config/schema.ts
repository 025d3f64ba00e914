import { z } from "zod";
import type { ChannelRef } from "../messages/addresses.ts";

const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** "slack:U123, discord:456" -> ["slack:U123", "discord:456"]. */
const userList = (who: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^(slack|discord|shell):\S+$/, `each ${who} must be platform:user-id, e.g. slack:U0123ABCD`),
      ),
    );

const adminList = userList("admin");

/** "https://a.example/rss, https://b.example/atom.xml" -> each URL once; commas or spaces between. */
const feedList = z
  .string()
  .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
  .pipe(
    z.array(
      z
        .string()
        .regex(/^https?:\/\/[^\s/?#]+/i, "each feed must be an http:// or https:// address")
        .pipe(z.url("each feed must be an http:// or https:// address")),
    ),
  );

/** Polling intervals a feed may have: once a minute at most, once a day at least. */
export const FEED_INTERVAL_LIMITS = { minMs: 60_000, maxMs: 24 * 60 * 60_000, defaultMs: 15 * 60_000 };

const DURATION_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 60 * 60_000 };

/** "15m", "1h", "90s", or a bare number of minutes -> milliseconds, within `FEED_INTERVAL_LIMITS`. */
const feedInterval = z
  .string()
  .trim()
  .regex(/^\d+\s*[smh]?$/i, "must be a duration such as 15m, 1h or 90s (a bare number is minutes)")
  .transform((s) => {
    const unit = /[smh]$/i.exec(s)?.[0]?.toLowerCase() ?? "m";
    return Number.parseInt(s, 10) * (DURATION_UNITS[unit] ?? 60_000);
  })
  .pipe(
    z
      .number()
      .min(FEED_INTERVAL_LIMITS.minMs, "must be at least 1 minute (1m): feeds are not polled faster")
      .max(FEED_INTERVAL_LIMITS.maxMs, "must be at most 24 hours (24h)"),
  );

/** The core's environment keys. Adapters add theirs with their own schemas. */
export const coreConfigSchema = z.object({
  BRIEFBOT_KNOWLEDGE_DIR: z.string().default("knowledge"),
  BRIEFBOT_DRAFTS_DIR: z.string().trim().optional(),
  BRIEFBOT_DB_PATH: z.string().default("data/briefbot.db"),
  BRIEFBOT_ADMINS: adminList.default([]),
  LOG_LEVEL: logLevel.default("info"),
  BRIEFBOT_WATCH: z.enum(["on", "off"]).default("on"),
  BRIEFBOT_LOG_FILE: z.string().optional(),
  BRIEFBOT_CURATORS: userList("curator").default([]),
  BRIEFBOT_CURATOR_CHANNEL: z
    .string()
    .trim()
    .regex(
      /^(slack:[A-Z0-9]+:[A-Z0-9]+|discord:\d+)$/,
      "must be slack:<team id>:<channel id> (e.g. slack:T024BE7LD:C061EG9SL) or discord:<channel id>",
    )
    .optional(),
  BRIEFBOT_CURATOR_RETENTION_DAYS: z.coerce
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .default(90),
  BRIEFBOT_FEEDS: feedList.default([]),
  BRIEFBOT_FEED_INTERVAL: feedInterval.default(FEED_INTERVAL_LIMITS.defaultMs),
});

export interface CoreConfig {
  knowledgeDir: string;
  /** Where drafts wait for review; unset: `drafts/` in the knowledge folder. */
  draftsDir?: string;
  dbPath: string;
  admins: string[];
  logLevel: z.infer<typeof logLevel>;
  watchKnowledge: boolean;
  /** Every log line goes to this file instead of stderr (or, at a terminal, above the prompt). */
  logFile?: string;
  /** "platform:userId" entries who may read `gaps` and `feedback`; admins may too. */
  curators: string[];
  /** Where the weekly list of unanswered questions is posted, if anywhere. */
  curatorChannel?: ChannelRef;
  /** How long questions, answers and votes are kept. */
  retentionDays: number;
  /** RSS and Atom feeds whose new items are drafted for review (BRIEFBOT_FEEDS). */
  feeds: string[];
  /** How often each feed is polled, in milliseconds (BRIEFBOT_FEED_INTERVAL). */
  feedIntervalMs: number;
}

export function toCoreConfig(env: z.infer<typeof coreConfigSchema>): CoreConfig {
  return {
    knowledgeDir: env.BRIEFBOT_KNOWLEDGE_DIR,
    ...(env.BRIEFBOT_DRAFTS_DIR ? { draftsDir: env.BRIEFBOT_DRAFTS_DIR } : {}),
    dbPath: env.BRIEFBOT_DB_PATH,
    admins: env.BRIEFBOT_ADMINS,
    logLevel: env.LOG_LEVEL,
    watchKnowledge: env.BRIEFBOT_WATCH === "on",
    ...(env.BRIEFBOT_LOG_FILE ? { logFile: env.BRIEFBOT_LOG_FILE } : {}),
    curators: env.BRIEFBOT_CURATORS,
    ...(env.BRIEFBOT_CURATOR_CHANNEL ? { curatorChannel: channelRefOf(env.BRIEFBOT_CURATOR_CHANNEL) } : {}),
    retentionDays: env.BRIEFBOT_CURATOR_RETENTION_DAYS,
    feeds: env.BRIEFBOT_FEEDS,
    feedIntervalMs: env.BRIEFBOT_FEED_INTERVAL,
  };
}

/** "slack:T024BE7LD:C061EG9SL" -> the Slack channel (ids as the Slack adapter keeps them); "discord:123" -> the Discord channel. */
function channelRefOf(value: string): ChannelRef {
  const [platform, ...rest] = value.split(":");
  return { platform: platform === "slack" ? "slack" : "discord", id: rest.join(":") };
}
