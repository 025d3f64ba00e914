import type { Dated } from "../knowledge/schema.ts";
import { findDate } from "./dates.ts";
import { CHANGE_WORDS, STATUS_WORDS } from "./vocabulary/words.ts";

/** The kind of question, read from its wording alone. */
export type QuestionWord = "who" | "what" | "when" | "why" | "where" | "how-many" | "how" | "yes-no" | "none";

export interface QuestionShape {
  word: QuestionWord;
  /** Asks about open/closed status. */
  asksStatus: boolean;
  /** The state a yes/no status question names ("is it open" -> open), for a yes or no lead. */
  askedState?: "open" | "closed";
  /** The state a "when did it reopen / close" question asks about. */
  changeTo?: "open" | "closed";
  date?: Dated;
  pastTense: boolean;
  /** Asks about what will happen ("when will it reopen"), which no report can answer. */
  future: boolean;
  /** Asks whether a closure is permanent ("closed for good"). */
  asksPermanent: boolean;
  asksAdvice: boolean;
  asksBriefing: boolean;
  asksHelp: boolean;
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

/** Reads the question word, tense, status words and any date from the tokens. */
export function questionShape(tokens: readonly string[]): QuestionShape {
  const joined = tokens.join(" ");
  const first =
    tokens.find((t) => !["so", "and", "but", "please", "hey", "ok", "tell", "me"].includes(t)) ?? "";
  let word: QuestionWord = "none";
  if (first === "who" || first === "whom" || first === "whose") word = "who";
  else if (first === "why") word = "why";
  else if (first === "when" || joined.startsWith("since when") || joined.includes("what date")) word = "when";
  else if (first === "where") word = "where";
  else if (first === "how" && (tokens.includes("many") || tokens.includes("much"))) word = "how-many";
  else if (first === "how") word = "how";
  else if (first === "what" || first === "which" || first === "whats") word = "what";
  else if (YES_NO_STARTS.has(first)) word = "yes-no";
  if (word === "none" && tokens.includes("why")) word = "why";
  if (word === "none" && tokens.includes("who")) word = "who";

  const statusWords = tokens.filter((t) => STATUS_WORDS.has(t));
  const askedState = statusWords.some((t) => CHANGE_WORDS.get(t) === "closed")
    ? "closed"
    : statusWords.some((t) => t !== "status")
      ? "open"
      : undefined;
  const changeWord = tokens.find((t) => CHANGE_WORDS.has(t));
  const date = findDate(tokens);
  return {
    word,
    asksStatus: statusWords.length > 0,
    ...(askedState && word === "yes-no" ? { askedState } : {}),
    ...(changeWord ? { changeTo: CHANGE_WORDS.get(changeWord) } : {}),
    ...(date ? { date } : {}),
    pastTense: ["was", "were", "did", "had"].includes(first),
    future: tokens.includes("will") || joined.includes("going to") || tokens.includes("expected"),
    asksPermanent:
      tokens.includes("permanently") || tokens.includes("permanent") || joined.includes("for good"),
    asksAdvice: tokens.some((t) => ADVICE_WORDS.has(t)) || joined.includes("what to do"),
    asksBriefing: tokens.some((t) => BRIEFING_WORDS.has(t)) && word !== "why" && word !== "who",
    asksHelp: HELP_PHRASES.has(joined) || joined === "?" || joined === "help me",
  };
}
