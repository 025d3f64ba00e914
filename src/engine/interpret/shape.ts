import type { Dated, State } from "../../knowledge/schema.ts";
import { questionDate } from "../language/questionDates.ts";
import { CHANGE_WORDS, STATUS_WORDS } from "../language/words.ts";

/** The kind of question, read from its wording alone. */
export type QuestionWord = "who" | "what" | "when" | "why" | "where" | "how-many" | "how" | "yes-no" | "none";

export interface QuestionShape {
  word: QuestionWord;
  /** Asks about open/closed status. */
  asksStatus: boolean;
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
  /** Where the cause a question puts forward lies in its tokens ("because of [the nuclear threat]"). */
  claimedCause?: { start: number; end: number };
}

const YES_NO_STARTS = new Set(
  "is are was were do does did has have had will would can could should may might".split(" "),
);
const BRIEFING_WORDS = new Set([
  "brief",
  "briefing",
  "overview",
  "summary",
  "summarise",
  "summarize",
  "about",
  "latest",
]);
const HELP_PHRASES = new Set([
  "help",
  "what can you do",
  "what do you know",
  "how do i use you",
  "commands",
  "what can i ask",
  // A greeting or "who are you" gets what the bot does.
  "hello",
  "hi",
  "hey",
  "hi there",
  "hello there",
  "good morning",
  "good afternoon",
  "good evening",
  "who are you",
  "what are you",
]);
const ADVICE_WORDS = new Set([
  "should",
  "advice",
  "advise",
  "advised",
  "advises",
  "advisory",
  "recommends",
  "recommend",
  "recommended",
  "safe",
  "precautions",
]);

const FUTURE_WORDS = new Set(["will", "tomorrow", "soon", "expected", "next", "later"]);
const CAUSE_WORDS = new Set(["because", "due", "reason", "reasons", "cause", "caused", "causes"]);
/** "What was the reason …", "what caused …": a why-question worded as a what-question. */
const CAUSE_NOUNS = new Set(["reason", "reasons", "cause", "caused", "causes", "prompted", "triggered"]);
const DAY_MS = 86_400_000;

const NEGATIONS = new Set([
  "not",
  "no",
  "never",
  "isnt",
  "arent",
  "wasnt",
  "werent",
  "hasnt",
  "havent",
  "hadnt",
  "didnt",
  "doesnt",
  "dont",
  "cant",
  "wont",
  "nt",
]);
const DATE_NOUNS = new Set(["date", "day", "month", "year", "time"]);
const DURATION_UNITS = new Set(["days", "weeks", "months", "years", "time"]);

/** "How many years has it been closed", "how much time": a how-long question, not a count. */
function asksDuration(tokens: readonly string[]): boolean {
  const at = tokens.findIndex((t) => t === "many" || t === "much");
  return DURATION_UNITS.has(tokens[at + 1] ?? "");
}

/** "What date", "which day", "on what day": a when-question. */
function asksForDate(tokens: readonly string[], first: string): boolean {
  const at = tokens.findIndex((t) => t === "what" || t === "which");
  if (at >= 0 && (at === tokens.indexOf(first) || first === "on") && DATE_NOUNS.has(tokens[at + 1] ?? ""))
    return true;
  // "Any date for reopening?", "a date for the reopening": a date asked for a change.
  const noun = tokens.findIndex((t) => t === "date" || t === "day");
  return noun >= 0 && tokens[noun + 1] === "for";
}

const CAUSE_LINKS = new Set(["of", "to"]);
const MAX_CAUSE_WORDS = 5;

const CAUSE_BREAKS = new Set(["and", "or", "so", "but"]);

/** The words after "because of" or "due to", up to a break in the question. */
function claimedCause(
  tokens: readonly string[],
  triggers: readonly string[] = ["because", "due"],
): { start: number; end: number } | undefined {
  const at = tokens.findIndex((t) => triggers.includes(t));
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
  options: { text?: string; stateWords?: ReadonlyMap<string, State>; yearHint?: number } = {},
): QuestionShape {
  const stateWords = options.stateWords ?? new Map<string, State>();
  const stateOf = (t: string): State | undefined => stateWords.get(t) ?? CHANGE_WORDS.get(t);
  const joined = tokens.join(" ");
  const first =
    tokens.find((t) => !["so", "and", "but", "please", "hey", "ok", "tell", "me"].includes(t)) ?? "";
  let word: QuestionWord = "none";
  if (first === "who" || first === "whom" || first === "whose") word = "who";
  else if (first === "why") word = "why";
  else if (first === "when" || joined.startsWith("since when") || asksForDate(tokens, first)) word = "when";
  else if (first === "where") word = "where";
  else if (first === "how" && (tokens.includes("many") || tokens.includes("much")) && !asksDuration(tokens))
    word = "how-many";
  else if (first === "how") word = "how";
  else if (first === "what" || first === "which" || first === "whats") word = "what";
  else if (YES_NO_STARTS.has(first)) word = "yes-no";
  // "us emb kyiv open?": a status word and a question mark ask yes or no without the verb.
  else if (/\?\s*$/.test(options.text ?? "") && tokens.some((t) => stateOf(t) !== undefined)) word = "yes-no";
  if (word === "none" && tokens.includes("why")) word = "why";
  if ((word === "yes-no" || word === "none") && tokens.some((t) => CAUSE_WORDS.has(t))) word = "why";
  if (word === "what" && tokens.some((t) => CAUSE_NOUNS.has(t))) word = "why";
  if (word === "none" && tokens.includes("who")) word = "who";

  const statusWords = tokens.filter((t) => STATUS_WORDS.has(t) || stateWords.has(t));
  // The first status word is the one asked about ("is it open, and why did it close" asks "open").
  const named = statusWords.find((t) => t !== "status");
  const askedState: State | undefined = named === undefined ? undefined : (stateOf(named) ?? "open");
  const changeWord = tokens.find((t) => stateOf(t) !== undefined);
  const date = questionDate(options.text ?? tokens.join(" "), now, options.yearHint ?? now.getUTCFullYear());
  // "Why did it close after the drone strike": in a why-question, what it came after is a cause put forward.
  const cause =
    claimedCause(tokens) ?? (word === "why" ? claimedCause(tokens, ["after", "following"]) : undefined);
  return {
    word,
    asksStatus: statusWords.length > 0,
    ...(askedState && word === "yes-no" ? { askedState } : {}),
    ...(changeWord ? { changeTo: stateOf(changeWord) } : {}),
    negated: tokens.some((t) => NEGATIONS.has(t)),
    ...(date ? { date } : {}),
    ...(cause ? { claimedCause: cause } : {}),
    future: tokens.some((t) => FUTURE_WORDS.has(t)) || joined.includes("going to"),
    either: tokens.includes("or"),
    asksPermanent:
      tokens.includes("permanently") || tokens.includes("permanent") || joined.includes("for good"),
    asksAdvice: tokens.some((t) => ADVICE_WORDS.has(t)) || joined.includes("what to do"),
    asksBriefing: tokens.some((t) => BRIEFING_WORDS.has(t)) && word !== "why" && word !== "who",
    asksHelp: HELP_PHRASES.has(joined) || joined === "?" || joined === "help me",
    asksHowLong:
      (first === "how" && tokens[tokens.indexOf("how") + 1] === "long") ||
      (first === "how" && asksDuration(tokens)),
  };
}
