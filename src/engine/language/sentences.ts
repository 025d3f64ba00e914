import type { KnowledgeBase } from "../../knowledge/base.ts";
import { describeAge, formatDated, isRange, isTimed } from "../../knowledge/dates.ts";
import type { Dated, EntityKind } from "../../knowledge/schema.ts";
import type { SourceRef, StatusReport, Verdict } from "../answer.ts";
import { isEnglishWord } from "./english.ts";
import { isCountryWord } from "./places.ts";

/** Every sentence the engine says to users, in one place. */
export const messages = {
  empty: (example: string) => `Ask me a question, for example: ${example}`,
  outOfScope: (scope: string) => `I don't have that in my sources. ${scope}`,
  unsure:
    "I'm not sure what you're asking: too little of it matches what my sources cover. Try naming what you mean.",
  defaultScope: (names: string[]) =>
    `I answer questions about the status of ${joinList(names)}, and what my sources report around them.`,
  nothingDated: (date: string) => `My sources report nothing dated ${date}.`,
  noFacts: (topic: string) => `I don't have anything on that for ${topic} in my sources.`,
  smallTalk: "Any time. Ask me when you need a status or a briefing.",
  opinion: (scope: string) => `I don't give views of my own; I answer from my sources. ${scope}`,
  directive: (scope: string) => `I only answer from my sources, and a question cannot change that. ${scope}`,
  dateInferred: (how: string) =>
    `The article carries no date of its own; it was worked out from the text: ${how}`,
  noAuthor: (papers: string[]) =>
    `My sources do not name who wrote the ${joinList(papers.map((p) => p.replace(/^the\s+/i, "")))} report.`,
  noFigure: (counted: string, name: string) =>
    `My sources give no number of ${counted} for ${name}; none of the reports I have states one.`,
  lastKnown: (name: string, state: string, asOf: string, source: string, asked: string) =>
    `My sources report nothing about ${name} ${asked}: the last report I have, of ${asOf}, has it ${state}, per ${source}, and nothing later is known.`,
  /** Beside the article's own words that a curator corrected, where an answer first uses them. */
  curatorNote: (kind: "spelling" | "wording", curator: string) =>
    kind === "spelling"
      ? `the article's spelling; the curator notes this is ${curator}`
      : `the article's wording; the curator notes this means ${curator}`,
  notMentioned: (phrases: string[]) => `My sources don't mention ${joinList(phrases)}.`,
  uncovered: (names: string[]) => `I don't have any reports on ${joinList(names)}.`,
  tracked: (names: string[]) => `I track the status of ${joinList(names)}.`,
  partLabel: (i: number, count: number) =>
    count === 2
      ? i === 0
        ? "On the first part of your question:"
        : "On the second part of your question:"
      : `On part ${i + 1} of your question:`,
  /** A period within the span of a change the sources date only roughly: neither side of it is said. */
  roughlyDated: (name: string, period: string) =>
    `My sources don't say how ${name} stood ${period}: they date its change only roughly.`,
  /** Sources the curator marked as disagreeing: each account, with its source. */
  disagree: (name: string, accounts: string[]) =>
    `My sources disagree about ${name}: ${accounts.join("; ")}.`,
  disagreeThen: (name: string, period: string, accounts: string[]) =>
    `My sources disagree about ${name} ${period}: ${accounts.join("; ")}.`,
  disagreeSince: (accounts: string[]) => `My sources disagree on since when: ${accounts.join("; ")}.`,
  /** "the Gazette has it open (since 3 Apr 2026)". */
  account: (source: string, state: string, since: string) => `${source} has it ${state} (${since})`,
  /** "the Courier has it closed then, and reports that it reopened on 6 Apr 2026". */
  accountThen: (source: string, state: string, change: string) =>
    `${source} has it ${state} then, and reports that it ${change}`,
  /** "the Gazette reports that it reopened on 3 Apr 2026". */
  accountOfChange: (source: string, change: string) => `${source} reports that it ${change}`,
  disagreeLead: { some: "My sources disagree about some of them." },
  notStill: (name: string, state: string) => `${capitalise(name)} is no longer ${state} in my sources.`,
  /** What a change between declared states did ("was raised to Level 4: Do not travel"). */
  levelChange: {
    raised: "was raised to",
    lowered: "was lowered to",
    first: "was set at",
    temporarily: "for now",
  },
  /** "Which are at level 4": how many of the things asked about are in that state. */
  whichAt: (label: string, at: number, of: number) =>
    `${at} of the ${of} ${at === 1 ? "is" : "are"} at ${label}.`,
  noneAt: (label: string, of: number) => `None of the ${of} is at ${label}.`,
  /** How a yes-or-no answer about the state leads. */
  verdictLead: { yes: "Yes.", no: "No.", partly: "Only partly.", some: "Not all of them." },
  throughoutLead: { no: "No.", yes: "As far as my sources go, yes.", partly: "Not all of them." } as Partial<
    Record<Verdict, string>
  >,
  heldThroughout: (name: string, state: string, from: string, to: string) =>
    `Every report I have, from ${from} to ${to}, has ${name} ${state}.`,
  notYetOpen: (name: string, opened: string, source: string) =>
    `${capitalise(name)} was not open yet: it first opened ${opened}, per ${source}, and my sources report nothing of it before.`,
  beforeRecords: (name: string, first: string, state: string) =>
    `My sources have no record of ${name} before ${first}, when they first report it ${state}; I can't say what it was before that.`,
  premiseDate: (name: string, state: string, period: string) =>
    `My sources do not support that ${name} was ${state} ${period}.`,
  later: (source: string, date: string, statement: string) =>
    `Later, ${source} reported on ${date}: ${lowerFirst(statement)}.`,
  overdue: (name: string, state: string, when: string, source: string) =>
    `${capitalise(source)} expected ${name} to be ${state} ${when}; I have no later report saying whether it was, so the status may have changed.`,
  lasted: (name: string, state: string, from: string, to: string, days: number) =>
    `${capitalise(name)} was ${state} for about ${days === 1 ? "1 day" : `${days} days`}: from ${from.replace(/^(on|in) /, "")} until the next reported change ${to}.`,
  lastedReported: (name: string, state: string, from: string, to: string, days: number, source: string) =>
    `${capitalise(name)} was ${state} for ${days} days, per ${source}: from ${from.replace(/^(on|in) /, "")} until ${to.replace(/^(on|in) /, "")}.`,
  /** A length between changes of which one is dated only roughly: no count of days is made up. */
  lastedRoughly: (name: string, state: string, from: string, to: string) =>
    `${capitalise(name)} was ${state} from ${from.replace(/^(on|in) /, "")} until the next reported change ${to.replace(/^(on|in) /, "")}; my sources date that only roughly, so they give no exact length.`,
  lastedDisputed: (name: string, state: string, from: string, accounts: string[]) =>
    `${capitalise(name)} was ${state} from ${from.replace(/^(on|in) /, "")}, and my sources disagree on until when: ${accounts.join("; ")}.`,
  lastedAtLeast: (name: string, state: string, from: string, asOf: string, days: number) =>
    days <= 1
      ? `${capitalise(name)} became ${state} ${from}, and my sources report nothing later, so they do not say how long it stayed ${state}.`
      : `${capitalise(name)} had been ${state} for at least ${days} days (since ${/^(between|by|not before) /.test(from) ? `a date ${from}` : from.replace(/^(on|in) /, "")}) by the latest report, of ${asOf}; nothing later is known.`,
  /** "; it has been open since 10 Feb 2026, per <the source of that change>". */
  heldSince: (several: boolean, past: boolean, state: string, since: string, source: string) =>
    `; ${several ? "they" : "it"} ${past ? "had" : several ? "have" : "has"} been ${state} since ${since}, per ${source}`,
  earlierChange: (state: string, when: string, source: string) =>
    `It had also been ${state} before, ${when}, per ${source}.`,
  stillHeld: (when: string, source: string, state: string, reason: string) =>
    `${capitalise(when)} it was still ${state}, per ${source}: ${reason}.`,
  expected: (name: string, state: string, when: string, source: string, reported: string, reason?: string) =>
    `${capitalise(source)} reported on ${reported} that ${name} was expected to be ${state} ${when}${reason ? ` (${reason})` : ""}. That is an expectation, not a report that it happened.`,
  noForecastBut: (name: string, statement: string, qualifier?: string) =>
    `My sources do not report when ${name} will change status; what they expect: ${statement}${qualifier ? ` (${lowerFirst(qualifier.replace(/\.$/, ""))})` : ""}.`,
  stale: (days: number) =>
    `That is the latest report I have and it is ${describeAge(days)} old, so the status may have changed since.`,
  noFirstOpening: (name: string, status: string) =>
    `My sources don't say when ${name} first opened; they report only its status since then. ${status}`,
  noSuchChange: (name: string, state: string, period?: string) =>
    `My sources do not report ${name} becoming ${state === "open" ? "open again" : state}${period ? ` ${period}` : ""}.`,
  noForecast: (name: string, state: string) =>
    `My sources give no date for when ${name} will be ${state === "open" ? "open again" : state}.`,
  aheadOfNow: (date: string) => `${date} has not come yet, and my sources cannot say what will happen then.`,
  noStatusYet: (name: string) =>
    `my sources report no status of ${name} yet, only a change a source expects.`,
  /** A change on record whose source gives no cause: said instead of presenting anything as one. */
  noCause: (source: string, name: string, change: string) =>
    `${capitalise(source)} gives no cause: it does not say why ${name} ${change}.`,
  causeNotGiven: (cause: string, name: string, change: string) =>
    `My sources do not give ${cause} as the reason ${name} ${change}; here is what they do say.`,
  temporaryNotPermanent: "No: the closure was reported as temporary.",
  permanenceUnknown: "My sources do not say whether it is temporary or permanent.",
  assumedPrimary: (name: string) => `(Assuming you mean ${name}.)`,
  aboutThing: (name: string) => `About ${name}:`,
  factAge: (days: number, reports: number) =>
    reports > 1
      ? `The older report is ${describeAge(days)} old.`
      : `That report is ${describeAge(days)} old.`,
  help: (scope: string, example: string) =>
    `${scope} Ask whether something is open, since when and why, who is who, and what happened. Try: ${example}`,
  assumed: (chosen: string, others: string[], noun: string) =>
    `(Assuming you mean ${chosen}; I also track ${joinList(others)}. Name the ${noun} to ask about another.)`,
  several: (count: number, noun: string) => `(I track ${count} of those; here is each.)`,
  which: (names: string[]) => `Which one do you mean? I track ${joinList(names, "or")}.`,
};

export function joinList(items: string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

/** "The Washington Times", "The Wall Street Journal, as relayed by …", or "a chat report by Dana". */
export function sourceName(source: SourceRef): string {
  if (source.reportedBy) return `a chat report by ${source.reportedBy}`;
  return source.relays ? `${source.relays}, as relayed by ${source.publisher}` : source.publisher;
}

/** "The Washington Times, 20 Nov 2024", or "a chat report by Dana, 3 Jan 2026". */
export function citeSource(source: SourceRef): string {
  return `${sourceName(source)}, ${formatDated(source.published)}`;
}

const STATE_WORDS: Record<string, string> = {
  open: "open",
  closed: "closed",
  limited: "operating on a limited basis",
  suspended: "suspended",
};

export function stateWord(status: Pick<StatusReport, "state" | "temporary" | "look">): string {
  const word = status.look?.phrase ?? STATE_WORDS[status.state] ?? status.state;
  return status.temporary ? `temporarily ${word}` : word;
}

/**
 * One sentence for statuses that share state, dates and source ("The Italian and Spanish
 * embassies … were temporarily closed as of 20 Nov 2024, per The Washington Times"), so a
 * question about several embassies still reads in a few sentences.
 */
export function statusSentences(
  statuses: StatusReport[],
  qualifierOf: (s: StatusReport) => string | undefined,
): string[] {
  const groups = new Map<string, StatusReport[]>();
  for (const s of statuses) {
    const key = [
      s.state,
      s.temporary,
      s.since.date,
      s.asOf.date,
      s.source.id,
      s.stale,
      s.startUnknown ?? false,
      s.changeSource?.id ?? "",
      qualifierOf(s) ?? "",
      // A disputed status is said on its own, with its accounts.
      s.disputed ? s.entity.id : "",
    ].join("|");
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as StatusReport;
    const names = capitalise(joinList(group.map((s) => theName(s.entity))));
    // Sources that disagree on its state: each account, and no state of the thing's own.
    if (first.disputed?.kind === "state") return disputeSentence(first);
    const verb = first.stale ? (group.length > 1 ? "were" : "was") : group.length > 1 ? "are" : "is";
    // A change reported by one source and said to hold by a later one: each is credited with its own.
    const changedPer = first.changeSource && first.changeSource.id !== first.source.id && !first.startUnknown;
    const changed = changedPer
      ? messages.heldSince(
          group.length > 1,
          first.stale,
          stateWord(first),
          sinceDate(first.since),
          sourceName(first.changeSource as SourceRef),
        )
      : "";
    const since = changedPer
      ? ""
      : first.startUnknown
        ? first.since.date === first.asOf.date
          ? " (my sources do not say since when)"
          : ` (since at least ${sinceDate(first.since)})`
        : first.since.date === first.asOf.date
          ? ""
          : ` (since ${sinceDate(first.since)})`;
    const qualifier = qualifierOf(first);
    // "Limited" says little on its own: what is limited is in the reason.
    const how = first.state === "limited" && group.length === 1 ? becauseOf(first.reason) : "";
    const stated = `${names} ${verb} ${stateWord(first)} as of ${formatDated(first.asOf)}${since}, per ${sourceName(first.source)}${qualifier ? ` (${qualifier})` : ""}${changed}${how}.`;
    return first.disputed ? `${stated} ${disputeSentence(first)}` : stated;
  });
}

/**
 * What each source the curator marked as disagreeing says of a status: "My sources disagree about
 * the Aln footbridge: the Gazette has it open (since 3 Apr 2026); the Courier has it closed (since 1
 * Apr 2026)." Of a dispute only on the date of the change, "My sources disagree on since when: …".
 */
export function disputeSentence(status: StatusReport): string {
  const dispute = status.disputed;
  if (!dispute) return "";
  const accounts = dispute.accounts.map((a) =>
    messages.account(
      sourceName(a.source),
      stateWord(a),
      a.asOf
        ? `as of ${formatDated(a.asOf)}`
        : a.startUnknown
          ? `as of ${formatDated(a.since)}`
          : `since ${sinceDate(a.since)}`,
    ),
  );
  return dispute.kind === "state"
    ? messages.disagree(theName(status.entity), accounts)
    : messages.disagreeSince(accounts);
}

/** A state as a sentence names it: a declared state's phrase ("at Level 4: Do not travel"), else its id. */
export function stateName(status: Pick<StatusReport, "state" | "look">): string {
  return status.look?.phrase ?? status.state;
}

/** "became closed", or of a declared state "went to Level 4: Do not travel". */
export function becameState(status: Pick<StatusReport, "state" | "look">): string {
  return status.look ? `went to ${status.look.label}` : `became ${status.state}`;
}

/** ": <the reason>" to end a sentence that states a change, or nothing when the source gives no cause. */
export function becauseOf(reason: string | undefined): string {
  return reason ? `: ${lowerFirst(reason.replace(/\.$/, ""))}` : "";
}

export function statusSentence(status: StatusReport): string {
  return statusSentences([status], () => undefined)[0] as string;
}

/** Kinds whose names stand without "the": people, countries and cities. */
const BARE_NAME_KINDS = new Set<EntityKind>(["person", "country", "city"]);

/** "the US Embassy in Kyiv" for things, "Bridget Brink" for people and places. */
export function theName(entity: { name: string; kind: string }): string {
  const needsArticle = !BARE_NAME_KINDS.has(entity.kind) && !/^the\s/i.test(entity.name);
  return needsArticle ? `the ${entity.name}` : entity.name;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Poland", and "UK" or "UAE" for the short ones that are initials. */
export function placeName(token: string): string {
  return token.length <= 3 ? token.toUpperCase() : capitalise(token);
}

/**
 * After "since": "20 Nov 2024", or for a date known only as a range or a bound, "a date between 10
 * and 14 May 2026", "a date by mid-May 2026".
 */
export function sinceDate(dated: Dated): string {
  return isRange(dated) || dated.bound ? `a date ${formatDated(dated)}` : formatDated(dated);
}

/**
 * "on 20 Nov 2024", "in May 2022", "at 19:50 on 5 Mar 2026", and as the source gave them, "between
 * 10 and 14 May 2026", "by mid-May 2026", "not before 10 May 2026".
 */
export function onOrIn(dated: Dated): string {
  if (isTimed(dated)) return `at ${formatDated(dated)}`;
  if (isRange(dated) || dated.bound) return formatDated(dated);
  return `${dated.precision === "day" ? "on" : "in"} ${formatDated(dated)}`;
}

/**
 * Lower-cases the first letter, for text set inside a sentence; leaves acronyms ("US …"),
 * place names ("Ukraine …") and possessives ("Russia's …") alone.
 */
export function lowerFirst(text: string): string {
  if (!/^[A-Z][a-z]/.test(text)) return text;
  const first = /^[^\s,;:]+/.exec(text)?.[0] ?? "";
  if (/['’]s$/.test(first) || isCountryWord(first.toLowerCase())) return text;
  // "Network Rail expected …": two capitalised words in a row are a name.
  if (/^[A-Z][a-z]+ [A-Z]/.test(text)) return text;
  // "Jetstar would cancel …": a word no dictionary has is a name.
  if (!isEnglishWord(first.toLowerCase())) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The base's own scope line, or one made from what it tracks. */
export function scopeSentence(base: KnowledgeBase): string {
  if (base.topic.info.scope) return base.topic.info.scope;
  const names = [...base.timelines.keys()]
    .map((id) => base.entities.get(id))
    .filter((e) => e !== undefined)
    .slice(0, 6)
    .map((e) => theName(e));
  return names.length > 0 ? messages.defaultScope(names) : "I answer questions from the sources I have.";
}
