import { formatAge, formatCalendarDate } from "../messages/format.ts";
import type { Dated } from "./schema.ts";

const DAY_MS = 86_400_000;

/** The first and last instant a dated value can mean, in UTC: "2022-05" spans all of May 2022. */
export function dateRange(dated: Dated): { start: number; end: number } {
  const [y, m, d] = dated.date.split("-").map(Number) as [number, number?, number?];
  if (dated.precision === "year") return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) - 1 };
  const month = (m ?? 1) - 1;
  if (dated.precision === "month")
    return { start: Date.UTC(y, month, 1), end: Date.UTC(y, month + 1, 1) - 1 };
  const start = Date.UTC(y, month, d ?? 1);
  return { start, end: start + DAY_MS - 1 };
}

/** "20 Nov 2024", "May 2022" or "2022", never claiming more precision than the source gives. */
export function formatDated(dated: Dated): string {
  return formatCalendarDate(dated.date, dated.precision);
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
