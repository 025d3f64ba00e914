import { TimestampStyles, time } from "discord.js";
import type { DateRef, SourceRef } from "../../src/engine/answer.ts";
import { formatDated, isRough } from "../../src/knowledge/dates.ts";
import { OUR_TITLE } from "../../src/messages/catalogue.ts";
import { formatLongMonth } from "../../src/messages/format.ts";
import { cutGraphemes } from "../../src/text/clean.ts";

/**
 * Everything the core hands over is plain text, and Discord reads every message as Markdown:
 * escaping all of it makes a question like "what about *the* embassy" or a `# heading` typed by
 * a user show up as typed. Mentions are not touched here; `allowed_mentions` keeps them silent.
 *
 * The same escapes as discord.js's `escapeMarkdown` (bold, italics, underline, code, strikethrough,
 * spoilers, headings, lists, masked links), done in one linear pass: `escapeMarkdown` takes time in
 * the square of the length, half a second for 4,000 backticks. Text is first cut to `max` (on a
 * grapheme boundary), since no part of a message may be longer than Discord's 6,000 in all.
 */
export function escapeText(text: string, max = 6000): string {
  const cut = cutGraphemes(text, max);
  return cut
    .replace(/[*_`\\]|~~|\|\||\]\(/g, (m) => m.replace(/./g, "\\$&"))
    .replace(/^( *)(-)( +)/gm, "$1\\$2$3")
    .replace(/^( {0,2}(?:\\[*-] )? *)(#{1,3} )/gm, "$1\\$2")
    .replace(/^( *\d+)\.( )/gm, "$1\\.$2");
}

/**
 * A date as precise as the source gives it. Day dates become Discord timestamps so each reader
 * sees them in their own locale; they are pinned to 12:00 UTC because a calendar date has no
 * time, and noon is the same calendar day from UTC-11 to UTC+11 (midnight would show the day
 * before to everyone in the Americas). Month and year dates stay text: a timestamp would invent
 * a day the source never gave.
 */
export function discordDate(ref: DateRef): string {
  // A date known only roughly is said as the source gave it, never as one day.
  if (isRough(ref)) return formatDated(ref);
  const [year, month, day] = ref.date.split("-").map(Number);
  if (ref.precision === "day" && year && month && day) {
    return time(Date.UTC(year, month - 1, day, 12) / 1000, TimestampStyles.LongDate);
  }
  if (ref.precision === "month" && year && month) return formatLongMonth(ref.date);
  return String(year ?? ref.date);
}

/** An instant (ISO timestamp) as a Discord timestamp: date and time in the reader's own zone. */
export function discordInstant(iso: string): string {
  return time(Math.floor(Date.parse(iso) / 1000), TimestampStyles.LongDateShortTime);
}

/** Only http(s) links become clickable; anything else is shown as text. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/\)/g, "%29").replace(/\s/g, "%20");
}

export interface SourceLineOptions {
  /** Name the outlet; off when the text beside it already does ("per The Washington Times"). */
  withOutlet?: boolean;
  /** Give the date; off when the text beside it already does. */
  withDate?: boolean;
}

/**
 * A source as one line: linked headline when there is a URL, publisher and date. A headline the
 * base wrote for an untitled article is marked as ours.
 */
export function sourceLine(source: SourceRef, options: SourceLineOptions = {}): string {
  const headline = escapeText(source.headline).replace(/[[\]]/g, "");
  const url = safeUrl(source.url);
  const title = `${url ? `[${headline}](${url})` : `*${headline}*`}${source.descriptiveHeadline ? ` ${escapeText(OUR_TITLE)}` : ""}`;
  const by = source.reportedBy
    ? `reported in chat by ${escapeText(source.reportedBy)}`
    : escapeText(source.publisher);
  const tail = [
    ...((options.withOutlet ?? true) ? [by] : []),
    ...((options.withDate ?? true) ? [discordDate(source.published)] : []),
  ];
  return tail.length > 0 ? `${title} — ${tail.join(", ")}` : title;
}
