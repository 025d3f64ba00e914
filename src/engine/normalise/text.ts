import { stemmer } from "stemmer";
import { foldToken } from "../language/fold.ts";
import { STATUS_WORDS, SYNONYMS } from "../language/words.ts";

/** Longest question the engine reads; the rest is ignored before any matching. */
export const MAX_QUESTION_LENGTH = 500;

// Zero-width characters, bidi controls and other invisible formatting that can hide inside names.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and selector is removed on its own.
  /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF\u{E0000}-\u{E01EF}]/gu;
// Chat mention syntax ("<@U123>", "<!channel>", "<#C1|general>", "@bob") names people, not topics.
const MENTION = /<[@!#][^<>\s]{0,80}>|@[\p{L}\p{N}_.-]{1,40}/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const APOSTROPHE = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const NON_WORD = /[^\p{L}\p{N}.']+/u;
const ABBREVIATION = /^(?:\p{L}\.)+\p{L}?$/u;
const LETTERS_THEN_DIGITS = /(?<=\p{L}{2})(?=\d)/u;

/** Unicode NFKC, invisible and control characters removed, length capped, white space folded. */
export function cleanInput(raw: string): string {
  // Cut before normalising too, so a huge paste costs no more than a long question.
  return raw
    .slice(0, MAX_QUESTION_LENGTH * 4)
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(MENTION, " ")
    .replace(CONTROL, " ")
    .slice(0, MAX_QUESTION_LENGTH)
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Splits text into lower-case word tokens: "U.S." becomes "us", "Italy's" becomes "italy",
 * "don't" becomes "dont". Every pattern here is linear, so long input cannot make it slow.
 */
/** A number run into its unit of length or speed ("14ft", "3km", "40mph"). */
const MEASURE = /^(\d+(?:\.\d+)?)(ft|feet|foot|km|mi|mph|kmh|kph|cm|mm)$/;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // "Apollo + Campana", "ports & ferries": a sign standing alone between words joins them.
  // "I-40", "A-9": a single letter and its number are one designation ("i40"), not the pronoun "I".
  const joined = text.replace(/\s[&+]\s/g, " and ").replace(/(?<![\p{L}\p{N}])(\p{L})-(?=\d)/gu, "$1");
  for (const raw of joined.toLowerCase().replace(APOSTROPHE, "'").split(NON_WORD)) {
    if (!raw) continue;
    const word = raw.replace(/'s$/, "").replace(/'/g, "");
    const trimmed = word.replace(/^\.+|\.+$/g, "");
    if (!trimmed) continue;
    if (ABBREVIATION.test(`${trimmed}.`) || ABBREVIATION.test(trimmed)) {
      tokens.push(foldToken(trimmed.replace(/\./g, "")));
      continue;
    }
    // "14ft", "40mph": a measure and its unit are two words, as "14 ft" is.
    const measure = MEASURE.exec(trimmed);
    if (measure) {
      tokens.push(measure[1] as string, measure[2] as string);
      continue;
    }
    // "Mirpur10" is "Mirpur 10": a name's letters and its number, however they are joined.
    for (const part of trimmed.split("."))
      if (part) for (const piece of part.split(LETTERS_THEN_DIGITS)) if (piece) tokens.push(foldToken(piece));
  }
  return tokens;
}

/**
 * A word's stem, by the Porter stemmer (the `stemmer` package), after mapping the few irregular
 * forms it cannot join ("gave" and "given" to "supply"). `canon` first maps a reader's word to the
 * base's own ("guards" to "security"), from the base's synonyms.
 */
export function stem(word: string, canon?: ReadonlyMap<string, string>): string {
  const w = canon?.get(word) ?? word;
  const english = SYNONYMS.get(w) ?? w;
  // The plain English word may itself be a reader's word for the base's ("threaten" -> "threat" -> "warn").
  const mapped = canon?.get(english) ?? english;
  // Short words keep their form: the stemmer would make "use" the "us" of "the US".
  if (/\d/.test(mapped) || mapped.length <= 3) return mapped;
  return stemmer(mapped);
}

/** Tokens reduced to their stems, for matching questions against facts. */
export function stems(text: string, canon?: ReadonlyMap<string, string>): string[] {
  return tokenize(text).map((t) => stem(t, canon));
}

/** Stems of the words that ask for a status ("open", "closed", "operating"). */
export const STATUS_STEMS: ReadonlySet<string> = new Set([...STATUS_WORDS].map((w) => stem(w)));
