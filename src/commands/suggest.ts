import { isEnglishWord } from "../engine/language/english.ts";
import { editDistance } from "../engine/normalise/editDistance.ts";

/**
 * The candidate a mistyped word was most likely meant to be, or undefined when none is close: one
 * slip (a wrong, missing, extra or swapped letter) in a word of up to four letters, two in a longer
 * one. A tie goes to the earlier candidate. Used for command words and option names, in chat and
 * on the command line.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  const limit = typed.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === typed) return candidate;
    const distance = editDistance(typed, candidate.toLowerCase(), limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/**
 * The command a line's first word was meant to be, when that word is a slip of a command word
 * ("subscirbe all") rather than a word of a question: an ordinary English word ("updates on the
 * embassy?", "source of the warning") is read as the start of a question, never as a slip.
 */
export function commandSlip(firstWord: string, commandWords: readonly string[]): string | undefined {
  const word = firstWord.toLowerCase();
  if (!/^[a-z]{2,20}$/.test(word) || isEnglishWord(word)) return undefined;
  return didYouMean(word, commandWords);
}
