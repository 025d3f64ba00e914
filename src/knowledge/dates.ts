import { formatAge, formatCalendarDate } from "../messages/format.ts";
import type { Dated, MonthPart } from "./schema.ts";

const DAY_MS = 86_400_000;

const HOUR_MS = 3_600_000;

/** The days of a month each part names; "late" runs to the month's last day, whatever its length. */
const PART_DAYS: Record<MonthPart, { first: number; last: number }> = {
  early: { first: 1, last: 10 },
  mid: { first: 11, last: 20 },
  late: { first: 21, last: 31 },
};
const MINUTE_MS = 60_000;

/** Does it carry a time of day ("2026-03-05T19:50")? */
export function isTimed(dated: Dated): boolean {
  return dated.precision === "hour" || dated.precision === "minute";
}

/**
 * The first and last instant a dated value can mean, in UTC: "2022-05" spans all of May 2022. A time
 * of day is read as written, on the same clock as the calendar dates ("2026-03-05T19:50" is 19:50 on
 * that day), so a base's dates and times, all in its own zone, order and compare among themselves.
 */
export function dateRange(dated: Dated): { start: number; end: number } {
  if (isTimed(dated)) {
    const [day, time = ""] = dated.date.split("T") as [string, string?];
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    const [h, min = 0] = time.split(":").map(Number) as [number, number?];
    const start = Date.UTC(y, m - 1, d, h, min);
    return { start, end: start + (dated.precision === "hour" ? HOUR_MS : MINUTE_MS) - 1 };
  }
  if (dated.until !== undefined)
    return {
      start: dateRange({ date: dated.date, precision: dated.precision }).start,
      end: dateRange({ date: dated.until, precision: dated.precision }).end,
    };
  const [y, m, d] = dated.date.split("-").map(Number) as [number, number?, number?];
  if (dated.precision === "year") return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) - 1 };
  const month = (m ?? 1) - 1;
  if (dated.precision === "month" && dated.part)
    return {
      start: Date.UTC(y, month, PART_DAYS[dated.part].first),
      end: Math.min(Date.UTC(y, month, PART_DAYS[dated.part].last + 1), Date.UTC(y, month + 1, 1)) - 1,
    };
  if (dated.precision === "month")
    return { start: Date.UTC(y, month, 1), end: Date.UTC(y, month + 1, 1) - 1 };
  const start = Date.UTC(y, month, d ?? 1);
  return { start, end: start + DAY_MS - 1 };
}

/**
 * "20 Nov 2024", "May 2022" or "2022", never claiming more precision than the source gives; with the
 * time where the source gives one, "19:50 on 5 Mar 2026".
 */
export function formatDated(dated: Dated): string {
  if (isTimed(dated)) {
    const [day, time = ""] = dated.date.split("T") as [string, string?];
    return `${timeOfDay(time)} on ${formatCalendarDate(day, "day")}`;
  }
  const precision = dated.precision as "day" | "month" | "year";
  if (dated.until !== undefined) return `between ${formatSpan(dated.date, dated.until, precision)}`;
  const date =
    precision === "month" && dated.part
      ? `${dated.part}-${formatCalendarDate(dated.date, precision)}`
      : formatCalendarDate(dated.date, precision);
  if (dated.bound === "by") return `by ${date}`;
  if (dated.bound === "not-before") return `not before ${date}`;
  return date;
}

/**
 * "10 and 14 May 2026", "28 Apr and 3 May 2026", "Dec 2025 and Jan 2026": the first date without the
 * year (and month) it shares with the last.
 */
function formatSpan(from: string, until: string, precision: "day" | "month" | "year"): string {
  const last = formatCalendarDate(until, precision);
  let first = formatCalendarDate(from, precision);
  const year = last.split(" ").at(-1) as string;
  if (precision !== "year" && first.endsWith(` ${year}`)) {
    first = first.slice(0, -year.length - 1);
    const [day, month] = first.split(" ");
    if (precision === "day" && month && last.split(" ")[1] === month) first = day as string;
  }
  return `${first} and ${last}`;
}

/** Is it known only as a range of dates ("between 10 and 14 May")? */
export function isRange(dated: Dated): boolean {
  return dated.until !== undefined;
}

/**
 * Is it known only roughly: a range ("between 10 and 14 May"), a bound ("by mid-May", "not before
 * 10 May") or a part of a month ("mid-May")? Such a date is said as the source gave it, never as a day.
 */
export function isRough(dated: Dated): boolean {
  return dated.until !== undefined || dated.bound !== undefined || dated.part !== undefined;
}

/**
 * Where a change stands among a thing's others: when it began, or for one known only to have come
 * "by" a date, that date's end, as the latest it can have been.
 */
export function orderOf(dated: Dated): number {
  const range = dateRange(dated);
  return dated.bound === "by" ? range.end : range.start;
}

/**
 * The span in which a change dated `effective` may have taken effect: its date's own span, or a
 * range's; for one known only to have come "by" a date, from the change before it (`after`) to that
 * date; for one "not before" a date, from that date on. A change a source reports (`reported`, its
 * publication) came by the day it was published.
 */
export function windowOfChange(
  effective: Dated,
  after: Dated | undefined,
  reported: Dated | undefined,
): { start: number; end: number } {
  const own = dateRange(effective);
  const reportedBy = reported ? dateRange(reported).end : Number.POSITIVE_INFINITY;
  if (effective.bound === "by")
    return {
      start: after ? dateRange(after).start : Number.NEGATIVE_INFINITY,
      end: Math.min(own.end, reportedBy),
    };
  if (effective.bound === "not-before") return { start: own.start, end: Math.max(own.end, reportedBy) };
  return own;
}

/** "19:50" for "19:50" or "19": the hour alone is written on the hour. */
function timeOfDay(time: string): string {
  const [h = "00", m = "00"] = time.split(":");
  return `${h}:${m}`;
}

/** The day a dated value falls on, or the value itself when it is no more precise than a day. */
export function calendarPart(dated: Dated): Dated {
  return isTimed(dated) ? { date: dated.date.slice(0, 10), precision: "day" } : dated;
}

/** The offset of `zone` from UTC at `instant`, in milliseconds (Stockholm in March: one hour). */
function zoneOffset(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A time a source gives in another zone (`zone`), rewritten as the time in the base's zone, with the
 * same precision: "2026-03-05T18:50" in UTC is "2026-03-05T19:50" in Europe/Stockholm. Without a zone
 * of its own, or one that is the base's, the value is already the base's time.
 */
export function inZone(dated: Dated, baseZone: string | undefined): Dated {
  if (!isTimed(dated) || !dated.zone || !baseZone || dated.zone === baseZone) {
    const { zone: _zone, ...rest } = dated;
    return rest;
  }
  const written = dateRange(dated).start;
  // The instant: the written wall time less its zone's offset (taken near that instant).
  const instant = written - zoneOffset(dated.zone, written - zoneOffset(dated.zone, written));
  const local = new Date(instant + zoneOffset(baseZone, instant));
  const day = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time =
    dated.precision === "hour"
      ? pad(local.getUTCHours())
      : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return { date: `${day}T${time}`, precision: dated.precision };
}

/** An instant as the wall time in `zone`, on the clock `dateRange` uses for timed values. */
export function wallClock(instant: Date, zone: string | undefined): Date {
  return zone ? new Date(instant.getTime() + zoneOffset(zone, instant.getTime())) : instant;
}

/** A day-precision value for an instant. */
export function dayOf(instant: Date): Dated {
  return { date: instant.toISOString().slice(0, 10), precision: "day" };
}

/** Whole days from the end of `dated` to `now`; 0 when `now` falls within it. */
export function daysSince(dated: Dated, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dateRange(dated).end) / DAY_MS));
}

/** "2 years", "5 months", "12 days": a plain age for staleness warnings. */
export function describeAge(days: number): string {
  return formatAge(days);
}
