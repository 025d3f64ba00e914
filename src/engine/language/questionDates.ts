// The English locale alone: the package's index loads every language it has, at four times the cost.
import { type Component, GB, type ParsedResult } from "chrono-node/en";
import type { Dated } from "../../knowledge/schema.ts";
import { NAMED_DAYS, PAST_VERBS } from "./words.ts";

const MONTH_WORDS =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d|\b(?:noon|midnight|yesterday|today|tonight|tomorrow|week|month|year|ago|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A day, with the time of day where the question gives one ("at 20:00", "at 8pm", "at noon"): a
 * minute, or an hour when only the hour is known. The time is the base's, as its timelines write it.
 */
function withTime(day: string, start: ParsedResult["start"]): Dated {
  if (!start.isCertain("hour")) return { date: day, precision: "day" };
  const hour = pad(start.get("hour") as number);
  if (!start.isCertain("minute")) return { date: `${day}T${hour}`, precision: "hour" };
  return { date: `${day}T${hour}:${pad(start.get("minute") as number)}`, precision: "minute" };
}

/**
 * The first date a question names, with how precise it is, read by chrono-node: "on 21 Nov 2024"
 * (a day), "at 20:00 on 5 March" (a minute), "June 2022" (a month), "in 2023" (a year), "last week",
 * "yesterday". A date without a
 * year ("on 11 February") takes the year of `yearHint`, the latest year the base reports on, so it
 * means the February the sources speak of. "May" alone is the verb, not the month.
 */
export function questionDate(given: string, now: Date, yearHint: number): Dated | undefined {
  // "Open 24/7" is always, not the 24th of July.
  let text = given.replace(/\b24\s*\/\s*7\b/g, " ");
  for (const [name, day] of NAMED_DAYS) text = text.replace(name, day);
  if (!MONTH_WORDS.test(text)) return undefined;
  const bareYear = /\b(?:in|of|during|since|by|from|throughout)\s+((?:19|20)\d{2})\b/i.exec(text);
  let results: ParsedResult[];
  try {
    results = GB.parse(text, now, { forwardDate: false });
  } catch {
    return undefined;
  }
  for (const result of results) {
    const words = result.text.trim().toLowerCase();
    if (/^may$/.test(words) || /^(?:now|today|tonight)$/.test(words)) continue;
    const start = result.start;
    const known = (unit: Component) => start.isCertain(unit);
    const year = known("year") ? (start.get("year") as number) : undefined;
    const month = start.get("month") as number;
    const day = start.get("day") as number;
    // "June 20": a month and two digits are a day of that month, not the year 2020.
    const dayOfMonth = /^[a-z]+\.?\s+(\d{1,2})(?:st|nd|rd|th)?$/.exec(words);
    const asDay = Number(dayOfMonth?.[1] ?? 0);
    if (known("month") && !known("day") && asDay >= 1 && asDay <= 31)
      return withTime(`${yearHint}-${pad(month)}-${pad(asDay)}`, start);
    if (known("day") && known("month")) {
      const y = year ?? yearHint;
      return withTime(`${y}-${pad(month)}-${pad(day)}`, start);
    }
    // A time with no day, in the past ("was it open at 20:00"): that time today. In the present ("is it
    // open at 9am") it asks about opening hours, not a moment.
    if (
      known("hour") &&
      text
        .toLowerCase()
        .split(/[^a-z]+/)
        .some((w) => PAST_VERBS.has(w))
    ) {
      const d = start.date();
      return withTime(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, start);
    }
    if (known("month")) return { date: `${year ?? yearHint}-${pad(month)}`, precision: "month" };
    // Relative days ("yesterday", "3 days ago", "last week"): a day.
    if (known("day") || /ago|yesterday|week/.test(words)) {
      const d = start.date();
      return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, precision: "day" };
    }
    if (year !== undefined) return { date: String(year), precision: "year" };
  }
  if (bareYear) return { date: bareYear[1] as string, precision: "year" };
  const lone = /\b((?:19|20)\d{2})\b/.exec(text);
  if (lone) return { date: lone[1] as string, precision: "year" };
  if (/\blast month\b/i.test(text)) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return { date: d.toISOString().slice(0, 7), precision: "month" };
  }
  if (/\blast year\b/i.test(text)) return { date: String(now.getUTCFullYear() - 1), precision: "year" };
  return undefined;
}
