/**
 * Dates, times and ages as the bot writes them, all through `Intl`. Calendar dates are read in UTC:
 * a source's "20 Nov 2024" is a day, not an instant, and must not shift with the server's zone.
 */
const LOCALE = "en-GB";

const DAY = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const LONG_DAY = new Intl.DateTimeFormat(LOCALE, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const MONTH = new Intl.DateTimeFormat(LOCALE, { month: "short", year: "numeric", timeZone: "UTC" });
const LONG_MONTH = new Intl.DateTimeFormat(LOCALE, { month: "long", year: "numeric", timeZone: "UTC" });
const YEAR = new Intl.DateTimeFormat(LOCALE, { year: "numeric", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat(LOCALE, {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

const units = (unit: "day" | "month" | "year") =>
  new Intl.NumberFormat(LOCALE, { style: "unit", unit, unitDisplay: "long" });
const DAYS = units("day");
const MONTHS = units("month");
const YEARS = units("year");

/** How exact a date is; a time of day ("2026-03-05T19:50", hour or minute) is written here as its day. */
export type Precision = "minute" | "hour" | "day" | "month" | "year";

/** The instant a calendar date starts, in UTC ("2022-05" is 1 May 2022); a time of day is left off. */
function startOf(date: string): number {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number?, number?];
  return Date.UTC(y, (m ?? 1) - 1, d ?? 1);
}

/** "20 Nov 2024", "May 2022" or "2022": never more precise than the source. */
export function formatCalendarDate(date: string, precision: Precision): string {
  const at = startOf(date);
  if (precision === "year") return YEAR.format(at);
  if (precision === "month") return MONTH.format(at);
  return DAY.format(at);
}

/**
 * Every way the bot's texts write a calendar date ("20 Nov 2024", "20 November 2024"), so a
 * surface can tell whether a text already says it.
 */
export function calendarDateForms(date: string, precision: Precision): string[] {
  const at = startOf(date);
  if (precision === "year") return [YEAR.format(at)];
  if (precision === "month") return [...new Set([MONTH.format(at), LONG_MONTH.format(at)])];
  return [...new Set([DAY.format(at), LONG_DAY.format(at)])];
}

/** "May 2022", for text where a month stands alone and the reader's locale is not known. */
export function formatLongMonth(date: string): string {
  return LONG_MONTH.format(startOf(date));
}

/** An ISO timestamp as "20 Nov 2024 14:05 UTC", the same for every channel. */
export function formatTimestamp(iso: string): string {
  const at = Date.parse(iso);
  return `${DAY.format(at)} ${TIME.format(at)} UTC`;
}

/** "2 years", "5 months", "12 days": a plain age for staleness warnings. */
export function formatAge(days: number): string {
  if (days >= 730) return YEARS.format(Math.floor(days / 365));
  if (days >= 365) return "over a year";
  if (days >= 60) return MONTHS.format(Math.floor(days / 30));
  return DAYS.format(days);
}
