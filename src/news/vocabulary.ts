import type { State } from "../knowledge/schema.ts";

/**
 * The English a report uses to say that something opened, closed, was suspended or works in part:
 * the words of the schema's four states, not of any topic. A base adds its own (`base.stateWords`:
 * "sailing", "grounded"); the nouns for its things come from its kinds and its entities' names.
 * Each entry is a phrase of lower-case words; a trailing `*` takes any ending ("reopen*").
 */
export const STATE_PHRASES: ReadonlyArray<readonly [string, State]> = [
  ["reopen*", "open"],
  ["re open*", "open"],
  ["resum*", "open"],
  ["restart*", "open"],
  ["back open", "open"],
  ["back to normal", "open"],
  ["back in service", "open"],
  ["back at full", "open"],
  ["return* to full", "open"],
  ["return* to normal", "open"],
  ["return* to its full", "open"],
  ["return* to its normal", "open"],
  ["return* to their full", "open"],
  ["return* to their normal", "open"],
  ["full operation*", "open"],
  ["fully operational", "open"],
  ["running again", "open"],
  ["operating again", "open"],
  ["running normally", "open"],
  ["operating normally", "open"],
  ["lifted", "open"],
  ["clos*", "closed"],
  ["shut*", "closed"],
  ["shut down", "closed"],
  ["suspend*", "suspended"],
  ["suspension", "suspended"],
  ["halt*", "suspended"],
  ["stopp* running", "suspended"],
  ["stopp* operating", "suspended"],
  ["stopp* service*", "suspended"],
  ["out of service", "suspended"],
  ["cancel*", "suspended"],
  ["on a limited basis", "limited"],
  ["limited operation*", "limited"],
  ["limited service", "limited"],
  ["partly reopen*", "limited"],
  ["partially reopen*", "limited"],
  ["partly open*", "limited"],
  ["partially open*", "limited"],
  ["emergenc* only", "limited"],
  ["limited to", "limited"],
  ["restricted to", "limited"],
];

/**
 * State words that are also everyday words ("open a shelter", "an open question"): a state only
 * after a verb of being or staying, or of a forecast ("remained open", "is open", "will open",
 * "expected to open").
 */
export const STATE_ADJECTIVES: ReadonlyArray<readonly [string, State]> = [["open", "open"]];

/** The words after which a state adjective says what state a thing is in. */
export const LINKING_WORDS: ReadonlySet<string> = new Set([
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "being",
  "remain",
  "remains",
  "remained",
  "stay",
  "stays",
  "stayed",
  "kept",
  "back",
  "fully",
  "now",
  "will",
  "to",
]);

/** Words that open a relative clause: its subject is the thing named just before it ("the arena, which opened …"). */
export const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(["which", "that", "who"]);

/** Determiners and possessives: a state word after one is a noun ("its reopening", "no closure"), not a report. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "his",
  "her",
  "our",
  "no",
  "any",
  "this",
  "that",
]);

/**
 * Verbs that say a thing did what the one before it did ("the Port of Aarhus followed an hour
 * later"): the same change, for the thing named with them.
 */
export const SAME_AS_BEFORE = /\b(?:followed(?: suit)?|did (?:the same|likewise)|did so)\b/i;

/** Words that date a change by another one the article reports ("shut at the same time as the motorway"). */
export const SAME_TIME = /\b(?:at the same (?:time|hour|moment)|simultaneously)\b/i;

/** An auxiliary of the perfect ("has been suspended", "have closed"): a change at some time before now. */
export const PERFECT_AUXILIARIES: ReadonlySet<string> = new Set(["has", "have", "hasnt", "havent"]);

/**
 * Words that turn a reopening into a partial one when they qualify it in the same clause
 * ("reopened on a limited basis", "partly reopened", "only for cars").
 */
export const PARTIAL_WORDS: ReadonlySet<string> = new Set([
  "partly",
  "partially",
  "partial",
  "limited",
  "restricted",
  "reduced",
  "only",
]);

/** Words before a state word that deny it ("did not reopen", "cannot safely reopen"). */
export const NEGATIONS: ReadonlySet<string> = new Set(["not", "no", "never", "cannot", "nt", "without"]);

/** Words that make what follows a hope or a condition, not a report: nothing is drafted from it. */
export const HEDGES: ReadonlySet<string> = new Set([
  "if",
  "hope",
  "hopes",
  "hoped",
  "could",
  "might",
  "may",
  "unless",
  "whether",
  "considering",
  "until",
  "consider",
  "considers",
  "threatened",
  "threatens",
]);

/** Words that make a state a forecast: `expected`. */
export const FUTURE_WORDS: ReadonlySet<string> = new Set([
  "will",
  "would",
  "should",
  "expect",
  "expected",
  "expects",
  "scheduled",
  "due",
  "set",
  "planned",
  "plans",
]);

/** Words that report a state as continuing: `still`. */
export const CONTINUING_WORDS: ReadonlySet<string> = new Set([
  "still",
  "remain",
  "remains",
  "remained",
  "remaining",
  "stay",
  "stays",
  "stayed",
  "staying",
  "continue",
  "continues",
  "continued",
]);

/** Conjunctions opening a clause that gives a cause or an earlier time, whose state words are background. */
export const BACKGROUND_OPENERS: ReadonlySet<string> = new Set([
  "after",
  "because",
  "since",
  "before",
  "when",
]);

/** Words before a place's name that make it a modifier of another noun, not the thing itself ("the link between Frederikshavn and Gothenburg"). */
export const PREPOSITIONS: ReadonlySet<string> = new Set([
  "between",
  "in",
  "at",
  "of",
  "to",
  "from",
  "near",
  "outside",
  "towards",
  "toward",
  "into",
  "across",
  "via",
  "for",
  "on",
]);

/** Clause breaks within a sentence: a state word and its thing are looked for within one clause. */
export const CLAUSE_BREAKS =
  /;|,\s+(?:while|but|and|whereas|although|though|as|which|where|after|because|since|before|when)\b|,\s+(?:[\w-]+\s+){1,3}(?:after|before|since)\b|\s+while\s+|\s+but\s+/g;

/** How a fact's wording qualifies it: the certainty the schema records. */
export const CERTAINTY_CUES: ReadonlyArray<
  readonly [RegExp, "under-consideration" | "reported" | "disputed"]
> = [
  [
    /\b(?:considering|considers|weighing|mulling|proposal|proposed|planning to|plans to)\b/i,
    "under-consideration",
  ],
  [/\b(?:denied|denies|disputed|disputes|disinformation|false|rejected)\b/i, "disputed"],
  [
    /\b(?:reportedly|according to (?:multiple |several |some )?(?:media |press )?reports?|sources said|reports said|was reported|were reported)\b/i,
    "reported",
  ],
];

/** Verbs that attribute a statement to a speaker ("said", "told reporters", "according to"). */
export const SPEECH_VERBS =
  /\b(?:said|says|told|added|warned|announced|confirmed|stated|explained|according to|reported)\b/i;
