import type { Dated } from "../knowledge/schema.ts";

const MONTHS = new Map<string, number>(
  [
    ["january", "jan"],
    ["february", "feb"],
    ["march", "mar"],
    ["april", "apr"],
    ["may", "may"],
    ["june", "jun"],
    ["july", "jul"],
    ["august", "aug"],
    ["september", "sep"],
    ["october", "oct"],
    ["november", "nov"],
    ["december", "dec"],
  ].flatMap(([long, short], i) => [
    [long as string, i + 1],
    [short as string, i + 1],
  ]),
);
MONTHS.set("sept", 9);

/** Tokens that belong to a date, so they are not taken for topic words. */
export function isDateToken(token: string): boolean {
  return MONTHS.has(token) || /^\d{1,4}$/.test(token) || /^\d{1,2}(?:st|nd|rd|th)$/.test(token);
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Finds the first date a question names: "in 2023", "June 2022", "8 May 2022", "May 8th, 2022",
 * "2022-05-08". A bare month with no year, or "may" used as a verb, is not taken as a date.
 */
export function findDate(tokens: readonly string[]): Dated | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    if (/^(?:19|20)\d{2}$/.test(token)) {
      const isoMonth = Number(tokens[i + 1]);
      const isoDay = Number(tokens[i + 2]);
      if (isoMonth >= 1 && isoMonth <= 12 && /^\d{1,2}$/.test(tokens[i + 1] ?? "")) {
        if (
          isoDay >= 1 &&
          isoDay <= daysIn(Number(token), isoMonth) &&
          /^\d{1,2}$/.test(tokens[i + 2] ?? "")
        ) {
          return { date: `${token}-${pad(isoMonth)}-${pad(isoDay)}`, precision: "day" };
        }
        return { date: `${token}-${pad(isoMonth)}`, precision: "month" };
      }
      const before = tokens[i - 1] ?? "";
      const twoBefore = tokens[i - 2] ?? "";
      let month = MONTHS.get(before);
      let day = month ? dayNumber(twoBefore) : undefined;
      if (!month && dayNumber(before) && MONTHS.has(twoBefore)) {
        month = MONTHS.get(twoBefore);
        day = dayNumber(before);
      }
      if (month) {
        return day && day <= daysIn(Number(token), month)
          ? { date: `${token}-${pad(month)}-${pad(day)}`, precision: "day" }
          : { date: `${token}-${pad(month)}`, precision: "month" };
      }
      return { date: token, precision: "year" };
    }
  }
  return undefined;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber(token: string): number | undefined {
  const match = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(token);
  const n = match ? Number(match[1]) : Number.NaN;
  return n >= 1 && n <= 31 ? n : undefined;
}
