import { describeAge, formatDated } from "../knowledge/dates.ts";
import type { SourceRef, StatusReport } from "./answer.ts";

/** Every sentence the engine says to users, in one place. */
export const messages = {
  empty: "Ask me a question, for example: is the US embassy in Kyiv open?",
  outOfScope:
    "I don't have that in my sources. I answer questions about the embassies in Kyiv and the events around them that my sources report.",
  noFacts: (topic: string) => `I don't have anything on that for ${topic} in my sources.`,
  uncovered: (names: string[]) => `I don't have any reports on ${joinList(names)}.`,
  tracked: (names: string[]) => `I track the status of ${joinList(names)}.`,
  didYouMean: (names: string[]) => `Did you mean ${joinList(names, "or")}?`,
  noStatus: (name: string) => `I don't track an open or closed status for ${name}.`,
  beforeRecords: (name: string, first: string) =>
    `My sources say nothing about ${name} before ${first}, so I can't say.`,
  stale: (days: number) =>
    `That is the latest report I have and it is ${describeAge(days)} old, so the status may have changed since.`,
  noSuchChange: (name: string, state: string) =>
    `My sources do not report ${name} becoming ${state === "open" ? "open again" : state}.`,
  noForecast: (name: string, state: string) =>
    `My sources say nothing about when ${name} will be ${state === "open" ? "open again" : state}.`,
  temporaryNotPermanent: "No: the closure was reported as temporary.",
  factAge: (days: number) => `That report is ${describeAge(days)} old.`,
  help: "Ask me about the embassies in Kyiv: whether one is open, since when and why, who is who, and what happened. Try: is the US embassy in Kyiv open?",
};

export function joinList(items: string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

/** "The Washington Times, 20 Nov 2024", or "a chat report by Dana, 3 Jan 2026". */
export function citeSource(source: SourceRef): string {
  if (source.reportedBy) return `a chat report by ${source.reportedBy} on ${formatDated(source.published)}`;
  return `${source.publisher}, ${formatDated(source.published)}`;
}

const STATE_WORDS: Record<string, string> = {
  open: "open",
  closed: "closed",
  limited: "operating on a limited basis",
  suspended: "suspended",
};

export function stateWord(status: Pick<StatusReport, "state" | "temporary">): string {
  const word = STATE_WORDS[status.state] ?? status.state;
  return status.temporary ? `temporarily ${word}` : word;
}

/** "The U.S. Embassy in Kyiv was closed as of 20 Nov 2024 (since 20 Nov 2024), per The Washington Times." */
export function statusSentence(status: StatusReport): string {
  const since = status.since.date === status.asOf.date ? "" : ` (since ${formatDated(status.since)})`;
  const verb = status.stale ? "was" : "is";
  return `${capitalise(theName(status.entity))} ${verb} ${stateWord(status)} as of ${formatDated(status.asOf)}${since}, per ${status.source.reportedBy ? `a chat report by ${status.source.reportedBy}` : status.source.publisher}.`;
}

/** "the US Embassy in Kyiv" for things, "Bridget Brink" for people and places. */
export function theName(entity: { name: string; kind: string }): string {
  const needsArticle = !["person", "country", "city"].includes(entity.kind) && !/^the\s/i.test(entity.name);
  return needsArticle ? `the ${entity.name}` : entity.name;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "on 20 Nov 2024", "in May 2022". */
export function onOrIn(dated: { date: string; precision: "day" | "month" | "year" }): string {
  return `${dated.precision === "day" ? "on" : "in"} ${formatDated(dated)}`;
}
