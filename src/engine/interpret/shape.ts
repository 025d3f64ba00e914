import type { Dated, State } from "../../knowledge/schema.ts";
import { isDateToken } from "../language/dateTokens.ts";
import { questionDate } from "../language/questionDates.ts";
import {
  ADVICE_PHRASES,
  ADVICE_WORDS,
  ATTRIBUTION_OPENERS,
  BRIEFING_WORDS,
  CAUSE_BREAKS,
  CAUSE_LINKS,
  CAUSE_NOUNS,
  CAUSE_TRIGGERS,
  CAUSE_WORDS,
  CHANGE_WORDS,
  DATE_NOUNS,
  DATE_PREPOSITIONS,
  DURATION_UNITS,
  EITHER_WORDS,
  FUTURE_PHRASES,
  FUTURE_WORDS,
  HELP_PHRASES,
  LEAD_FILLERS,
  LENGTH_WORDS,
  NEGATIONS,
  PERMANENCE_PHRASES,
  PERSISTENCE_WORDS,
  PLACE_NOUNS,
  PREMISE_LINKS,
  PURPOSE_WORDS,
  QUANTITY_WORDS,
  QUESTION_OPENERS,
  SINCE_WORDS,
  STATUS_NOUNS,
  STATUS_WORDS,
  STOP_WORDS,
  THROUGHOUT_PHRASES,
  WHEN_PHRASES,
  WHICH_WORDS,
  YES_NO_OPENERS,
} from "../language/words.ts";
import { tokenize } from "../normalise/text.ts";

/** The kind of question, read from its wording alone. */
export type QuestionWord = "who" | "what" | "when" | "why" | "where" | "how-many" | "how" | "yes-no" | "none";

export interface QuestionShape {
  word: QuestionWord;
  /** Asks about open/closed status. */
  asksStatus: boolean;
  /** "Did it stay open the whole time": a state said to have held over everything the sources cover. */
  throughout?: boolean;
  /** The state a yes/no status question names ("is it open" -> open), for a yes or no lead. */
  askedState?: State;
  /** The state a "when did it reopen / close" question asks about. */
  changeTo?: State;
  /** Is the question negated ("is it not open", "hasn't it reopened")? */
  negated: boolean;
  date?: Dated;
  /** Asks about what will happen ("when will it reopen"), which no report can answer. */
  future: boolean;
  /** An either/or question ("open or closed?"), which yes or no cannot answer. */
  either: boolean;
  /** Asks whether a closure is permanent ("closed for good"). */
  asksPermanent: boolean;
  asksAdvice: boolean;
  asksBriefing: boolean;
  asksHelp: boolean;
  /** "How long was it closed", "how many days has it been shut": the length of a state. */
  asksHowLong: boolean;
  /** The date is where a period starts that runs to now ("has it been closed since Nov 2024"). */
  sinceDate?: boolean;
  /** Where the cause a question puts forward lies in its tokens ("because of [the nuclear threat]"). */
  claimedCause?: { start: number; end: number };
}

const MAX_CAUSE_WORDS = 5;

/** Does the question hold one of these phrases, as whole words ("for good", "going to")? */
function hasPhrase(joined: string, phrases: ReadonlySet<string>): boolean {
  const padded = ` ${joined} `;
  for (const phrase of phrases) if (padded.includes(` ${phrase} `)) return true;
  return false;
}

/** "How many years has it been closed", "how much time": a how-long question, not a count. */
function asksDuration(tokens: readonly string[]): boolean {
  const at = tokens.findIndex((t) => QUANTITY_WORDS.has(t));
  return DURATION_UNITS.has(tokens[at + 1] ?? "");
}

/** "What date", "which day", "on what day": a when-question. */
function asksForDate(tokens: readonly string[], first: string): boolean {
  const at = tokens.findIndex((t) => WHICH_WORDS.has(t));
  if (
    at >= 0 &&
    (at === tokens.indexOf(first) || DATE_PREPOSITIONS.has(first)) &&
    DATE_NOUNS.has(tokens[at + 1] ?? "")
  )
    return true;
  // "Any date for reopening?", "a date for the reopening": a date asked for a change.
  const noun = tokens.findIndex((t) => DATE_NOUNS.has(t));
  return noun >= 0 && PURPOSE_WORDS.has(tokens[noun + 1] ?? "");
}

/** Does a "since" stand right before a date ("since nov 2024", "since 20 November")? */
function sinceDate(tokens: readonly string[]): boolean {
  return tokens.some((t, i) => SINCE_WORDS.has(t) && [1, 2].some((k) => isDateToken(tokens[i + k] ?? "")));
}

/** The words after "because of" or "due to", up to a break in the question. */
function claimedCause(
  tokens: readonly string[],
  triggers: ReadonlySet<string> = CAUSE_TRIGGERS,
): { start: number; end: number } | undefined {
  const at = tokens.findIndex((t) => triggers.has(t));
  if (at < 0) return undefined;
  let start = at + 1;
  if (CAUSE_LINKS.has(tokens[start] ?? "")) start++;
  let end = start;
  while (end < tokens.length && end - start < MAX_CAUSE_WORDS && !CAUSE_BREAKS.has(tokens[end] as string))
    end++;
  return end > start ? { start, end } : undefined;
}

/** Reads the question word, tense, status words and any date from the tokens. */
export function questionShape(
  tokens: readonly string[],
  now: Date,
  options: {
    text?: string;
    stateWords?: ReadonlyMap<string, State>;
    /** The ids of a base's yes-or-no questions among `stateWords`' values, which ask a state and name no change. */
    questionIds?: ReadonlySet<string>;
    yearHint?: number;
    /** Positions of words inside a name ("the Limited Access Channel"): they name, and ask no state. */
    nameTokens?: ReadonlySet<number>;
  } = {},
): QuestionShape {
  const inName = (i: number) => options.nameTokens?.has(i) === true;
  const stateWords = options.stateWords ?? new Map<string, State>();
  const stateOf = (t: string): State | undefined => stateWords.get(t) ?? CHANGE_WORDS.get(t);
  const joined = tokens.join(" ");
  // "According to the Courier, how many …": the question starts after the attribution.
  const comma = options.text?.indexOf(",") ?? -1;
  const lead =
    ATTRIBUTION_OPENERS.has(tokens[0] ?? "") && comma > 0 && options.text
      ? tokenize(options.text.slice(0, comma)).length
      : 0;
  const first = tokens.slice(lead).find((t) => !LEAD_FILLERS.has(t)) ?? "";
  const opener = QUESTION_OPENERS.get(first) as QuestionWord | undefined;
  let word: QuestionWord = "none";
  if (opener === "how" && tokens.some((t) => QUANTITY_WORDS.has(t)) && !asksDuration(tokens))
    word = "how-many";
  else if (opener === "when" || hasPhrase(joined, WHEN_PHRASES) || asksForDate(tokens, first)) word = "when";
  // "What country was he in", "which city": a where-question.
  else if (WHICH_WORDS.has(first) && PLACE_NOUNS.has(tokens[1] ?? "")) word = "where";
  else if (opener) word = opener;
  else if (YES_NO_OPENERS.has(first)) word = "yes-no";
  // "us emb kyiv open?": a status word and a question mark ask yes or no without the verb.
  else if (/\?\s*$/.test(options.text ?? "") && tokens.some((t, i) => !inName(i) && stateOf(t) !== undefined))
    word = "yes-no";
  const openers = tokens.map((t) => QUESTION_OPENERS.get(t)).filter((w) => w !== undefined);
  if (word === "none" && openers.includes("why")) word = "why";
  // "Did the port close because of the storm" puts a cause to a change; "did anyone die because of the
  // storm" asks whether something happened, with its cause beside it.
  if (
    (word === "yes-no" || word === "none") &&
    tokens.some((t) => CAUSE_WORDS.has(t)) &&
    (word === "none" || tokens.some((t) => STATUS_WORDS.has(t) || stateOf(t) !== undefined))
  )
    word = "why";
  if (word === "what" && tokens.some((t) => CAUSE_NOUNS.has(t))) word = "why";
  if (word === "none" && openers.includes("who")) word = "who";

  const statusWords = tokens.filter((t, i) => !inName(i) && (STATUS_WORDS.has(t) || stateWords.has(t)));
  // The first status word is the one asked about ("is it open, and why did it close" asks "open").
  const named = statusWords.find((t) => !STATUS_NOUNS.has(t));
  // "Stop running", "stopped operating": a word of running after a word of stopping means it stopped.
  const stopped = tokens.some((t, i) => {
    const state = stateOf(tokens[i + 1] ?? "");
    return STOP_WORDS.has(t) && state === "open";
  });
  const askedState: State | undefined =
    named === undefined ? undefined : stopped ? "suspended" : (stateOf(named) ?? "open");
  const changeWord = tokens.find((t, i) => {
    if (inName(i)) return false;
    const state = stateOf(t);
    return state !== undefined && !options.questionIds?.has(state);
  });
  const date = questionDate(options.text ?? tokens.join(" "), now, options.yearHint ?? now.getUTCFullYear());
  // "Why did it close after the drone strike": in a why-question, what it came after is a cause put forward.
  // With a state that held on ("why did it stay shut after the storm passed"), "after" says when, not why.
  const heldOn = tokens.some((t) => PERSISTENCE_WORDS.has(t));
  const cause =
    claimedCause(tokens) ?? (word === "why" && !heldOn ? claimedCause(tokens, PREMISE_LINKS) : undefined);
  return {
    word,
    asksStatus: statusWords.length > 0,
    ...(hasPhrase(joined, THROUGHOUT_PHRASES) ? { throughout: true } : {}),
    ...(askedState && word === "yes-no" ? { askedState } : {}),
    ...(changeWord ? { changeTo: stopped ? "suspended" : stateOf(changeWord) } : {}),
    negated: tokens.some((t) => NEGATIONS.has(t)),
    ...(date ? { date } : {}),
    ...(date && sinceDate(tokens) ? { sinceDate: true } : {}),
    ...(cause ? { claimedCause: cause } : {}),
    future: tokens.some((t) => FUTURE_WORDS.has(t)) || hasPhrase(joined, FUTURE_PHRASES),
    either: tokens.some((t) => EITHER_WORDS.has(t)),
    asksPermanent: hasPhrase(joined, PERMANENCE_PHRASES),
    asksAdvice: tokens.some((t) => ADVICE_WORDS.has(t)) || hasPhrase(joined, ADVICE_PHRASES),
    asksBriefing: tokens.some((t) => BRIEFING_WORDS.has(t)) && word !== "why" && word !== "who",
    asksHelp: HELP_PHRASES.has(joined) || joined === "?",
    asksHowLong:
      opener === "how" && (LENGTH_WORDS.has(tokens[tokens.indexOf(first) + 1] ?? "") || asksDuration(tokens)),
  };
}
