import type { DateRef } from "../../src/engine/answer.ts";
import { dateRange, formatDated, isRough } from "../../src/knowledge/dates.ts";
import { cutGraphemes } from "../../src/text/clean.ts";

/** Slack's limits that a message must stay within, or the whole post is rejected. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  buttonValue: 2000,
  /** Slack accepts far more, but notifications and fallbacks show only the start. */
  fallbackText: 3000,
} as const;

/**
 * Escapes the three characters Slack treats as markup. Everything a person typed, and everything
 * from the fact base, goes through this, so `<!channel>` in a question is shown, never obeyed.
 */
export function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Shortens already-escaped mrkdwn to `max` characters with an ellipsis, never cutting through an
 * entity (`&amp;`) or a `<…>` token (link, date), which Slack would show broken or reject.
 */
export function fitText(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  // On a grapheme boundary, so no emoji loses half its surrogate pair.
  let cut = cutGraphemes(mrkdwn, max - 1, "");
  const openToken = cut.lastIndexOf("<");
  if (openToken > cut.lastIndexOf(">")) cut = cut.slice(0, openToken);
  const openEntity = cut.lastIndexOf("&");
  if (openEntity > cut.lastIndexOf(";")) cut = cut.slice(0, openEntity);
  return `${cut.trimEnd()}…`;
}

/**
 * A date each reader sees in their own time zone. Only day-precise dates get a Slack date token
 * (Slack has no month-only format); the token's instant is noon UTC so that readers from UTC-11
 * to UTC+11 all see the reported calendar day. The fallback is for clients without tokens.
 */
export function slackDate(ref: DateRef): string {
  const plain = formatDated(ref);
  // A date known only roughly is said as the source gave it, never as one day.
  if (ref.precision !== "day" || isRough(ref)) return plain;
  const noonUtcSeconds = Math.floor((dateRange(ref).start + 12 * 3_600_000) / 1000);
  return `<!date^${noonUtcSeconds}^{date_short}|${plain}>`;
}

/** A link when the URL is safe inside `<…|…>`, otherwise just the label. */
export function linkOrLabel(label: string, url: string | undefined): string {
  const text = escapeText(label);
  if (!url || !/^https?:\/\/[^\s<>|]+$/.test(url)) return text;
  return `<${url.replaceAll("&", "&amp;")}|${text}>`;
}

/** Inline code for something to type; backticks inside would end the span, so they are dropped. */
export function typeThis(text: string): string {
  return `\`${escapeText(text.replaceAll("`", ""))}\``;
}
