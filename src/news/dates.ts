import * as chrono from "chrono-node";
import type { EventType } from "../knowledge/schema.ts";
import { type ArticleDate, pad } from "./article.ts";

/** A date a change takes effect, as precise as the sentence gives it. */
export interface DraftDate {
  date: string;
  precision: "minute" | "hour" | "day" | "month" | "year";
}

/** A date found in a text: where it stands, and either a date or, for "at 14:00" alone, a time of day. */
interface Found {
  index: number;
  date?: DraftDate;
  time?: string;
}

const NAMED_DATE =
  /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:yesterday|today|tonight|tomorrow|week|month|year|ago)\b/i;
const TIME_OF_DAY = /\d:\d\d|\d\s*[ap]\.?m\b/i;
/** "a day later", "an hour earlier": counted from the time the story has reached, not from the article's date. */
const COUNTED_FROM_STORY = /\b(?:later|earlier)\b/i;
/** A week is no day: "last week" is the month it lies in, when it lies in one. */
const WEEK = /\bweek(?:end)?\b/i;
const UNTIL = /\b(?:until|till|through|throughout|pending|before)\s*$/i;
const DAY_WORDS = /\b(?:yesterday|today|tonight|this morning|this afternoon|this evening|last night)\b/i;

/** A date at noon UTC, so that chrono's weekdays fall on the article's own calendar day. */
export function referenceInstant(published: ArticleDate | { date: string }): Date {
  const [y, m = "07", d = "15"] = published.date.split("-");
  return new Date(
    `${y}-${m}-${d}T${published.date.length > 10 ? published.date.slice(11, 13) : "12"}:00:00Z`,
  );
}

/**
 * The dates of a text, as exact as its words make them. A weekday alone, or a day and month without
 * a year, is the last such day on or before the reference in a report, and the next one in a
 * forecast (`expected`). "A day later" counts from `story` (the day the paragraph has reached) when
 * there is one.
 */
export function datesIn(text: string, reference: Date, type: EventType, story?: string): Found[] {
  const out: Found[] = [];
  for (const result of chrono.en.GB.parse(text, { instant: reference, timezone: 0 })) {
    if (/^(?:now|today's|this|then)$/i.test(result.text.trim())) continue;
    // "suspended until Wednesday", "not before Friday": a bound on a state, not the day it began.
    if (UNTIL.test(text.slice(0, result.index))) continue;
    // A bare number ("Mirpur-10") or "in the day" is no date: a date names a month or a day, or gives a time.
    if (
      !NAMED_DATE.test(result.text) &&
      !TIME_OF_DAY.test(result.text) &&
      !COUNTED_FROM_STORY.test(result.text)
    )
      continue;
    if (COUNTED_FROM_STORY.test(result.text)) {
      if (!story) continue;
      const again = chrono.en.GB.parse(result.text, {
        instant: referenceInstant({ date: story }),
        timezone: 0,
      })[0];
      if (!again) continue;
      const found = resolved(again, referenceInstant({ date: story }), "change");
      if (found) out.push({ index: result.index, ...found });
      continue;
    }
    const found = resolved(result, reference, type);
    if (found) out.push({ index: result.index, ...found });
  }
  return out;
}

function resolved(
  result: chrono.ParsedResult,
  reference: Date,
  type: EventType,
): Omit<Found, "index"> | undefined {
  const start = result.start;
  let y = start.get("year") ?? reference.getUTCFullYear();
  let m = start.get("month") ?? 1;
  let d = start.get("day") ?? 1;
  const ref = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
  if (WEEK.test(result.text)) {
    // The week's Monday and Sunday: the month it lies in, if both are in one.
    const day = new Date(Date.UTC(y, m - 1, d));
    const monday = new Date(day);
    monday.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    const sunday = new Date(monday);
    sunday.setUTCDate(monday.getUTCDate() + 6);
    if (monday.getUTCMonth() !== sunday.getUTCMonth()) return undefined;
    return {
      date: { date: `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}`, precision: "month" },
    };
  }
  const weekdayOnly = start.isCertain("weekday") && !start.isCertain("day");
  const dayKnown = start.isCertain("day") || weekdayOnly || DAY_WORDS.test(result.text);
  if (weekdayOnly || (start.isCertain("day") && !start.isCertain("year"))) {
    // Before the article in a report, after it in a forecast: a week back or on for a weekday, a year for a date.
    const day = new Date(Date.UTC(y, m - 1, d));
    const step = (sign: number) =>
      weekdayOnly
        ? day.setUTCDate(day.getUTCDate() + 7 * sign)
        : day.setUTCFullYear(day.getUTCFullYear() + sign);
    if (type !== "expected" && day.getTime() > ref) step(-1);
    if (type === "expected" && day.getTime() < ref) step(1);
    y = day.getUTCFullYear();
    m = day.getUTCMonth() + 1;
    d = day.getUTCDate();
  }
  if (dayKnown) {
    const date = `${y}-${pad(m)}-${pad(d)}`;
    if (start.isCertain("hour"))
      return {
        date: {
          date: `${date}T${pad(start.get("hour") ?? 0)}:${pad(start.get("minute") ?? 0)}`,
          precision: "minute",
        },
      };
    return { date: { date, precision: "day" } };
  }
  if (start.isCertain("hour"))
    return { time: `${pad(start.get("hour") ?? 0)}:${pad(start.get("minute") ?? 0)}` };
  if (start.isCertain("month")) return { date: { date: `${y}-${pad(m)}`, precision: "month" } };
  if (start.isCertain("year") || /\byear\b/i.test(result.text))
    return { date: { date: String(y), precision: "year" } };
  return undefined;
}

/**
 * The date nearest `offset` in a text. A time of day alone ("at 14:00") takes its day from the
 * text's nearest dated words, or else from `story`, the day the paragraph has reached.
 */
export function dateNear(
  text: string,
  reference: Date,
  type: EventType,
  offset: number,
  story?: string,
): DraftDate | undefined {
  const found = datesIn(text, reference, type, story);
  // A verb's date mostly follows it ("closed since Monday, reopened on Tuesday"): one just after the
  // state word is preferred to one as near before it.
  const distance = (f: Found) => (f.index >= offset ? f.index - offset : 2 * (offset - f.index));
  const byDistance = [...found].sort((a, b) => distance(a) - distance(b));
  const nearest = byDistance[0];
  if (!nearest) return undefined;
  if (nearest.date) return nearest.date;
  const day = byDistance.find((f) => f.date && f.date.date.length >= 10)?.date?.date ?? story;
  if (!day || day.length < 10) return undefined;
  return { date: `${day.slice(0, 10)}T${nearest.time}`, precision: "minute" };
}

/** The last day a text names (a day, or a time on a day), for the sentences after it to go on from. */
export function lastDayIn(text: string, reference: Date, story?: string): string | undefined {
  const days = datesIn(text, reference, "change", story).filter((f) => f.date && f.date.date.length >= 10);
  return days[days.length - 1]?.date?.date.slice(0, 10);
}
