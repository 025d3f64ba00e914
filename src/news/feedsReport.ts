import type { Report } from "../curator/report.ts";
import { formatTimestamp } from "../messages/format.ts";
import { echo } from "../text/clean.ts";
import type { FeedRecord } from "./feedLog.ts";
import { addressLabel } from "./fetchLimited.ts";

/** How long a feed's problem may be in the list: one line. */
const PROBLEM_LENGTH = 240;

/** "every 15 minutes", "every hour", "every 90 seconds". */
export function intervalText(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? "every hour" : `every ${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? "every minute" : `every ${ms / 60_000} minutes`;
  return `every ${Math.round(ms / 1000)} seconds`;
}

/**
 * `feeds`: each configured feed, as `subscriptions` lists a channel's subscriptions: when it was
 * last polled, last read as a feed, how many items the store has seen of it, and its last problem in
 * one line (or "ok"). Addresses are shown without credentials or query.
 */
export function feedsReport(
  configured: readonly string[],
  records: readonly FeedRecord[],
  intervalMs: number,
): Report {
  if (configured.length === 0)
    return {
      title: "No feeds are polled. List RSS or Atom feeds in BRIEFBOT_FEEDS (comma or space separated).",
      lines: [],
    };
  const byUrl = new Map(records.map((record) => [record.url, record]));
  const lines = configured.map((url, i) => {
    const record = byUrl.get(url);
    const head = `${i + 1}. ${addressLabel(url)}`;
    if (!record?.lastPolledAt) return `${head} · not polled yet`;
    const parts = [
      head,
      `last polled ${formatTimestamp(record.lastPolledAt)}`,
      `last success ${record.lastSuccessAt ? formatTimestamp(record.lastSuccessAt) : "never"}`,
      `${record.itemsSeen} ${record.itemsSeen === 1 ? "item" : "items"} seen`,
      record.lastError ? `last error: ${echo(record.lastError, PROBLEM_LENGTH)}` : "ok",
    ];
    return parts.join(" · ");
  });
  return {
    title: `Feeds polled ${intervalText(intervalMs)} for new articles to draft (${configured.length}):`,
    lines,
  };
}
