import Fuse from "fuse.js";
import { runToEnd, type Steps } from "../../runtime/steps.ts";
import { editDistance } from "./editDistance.ts";

/**
 * fuse.js threshold for spelling candidates: 0 is exact, 1 matches anything. 0.4 lets one or
 * two slips through in words of four letters or more ("kyev", "embasy", "ukrane"); the edit
 * distance check below then rejects what a reader would not call a typo.
 */
export const SPELLING_THRESHOLD = 0.4;
const MIN_LENGTH = 4;
const CACHE_LIMIT = 5_000;
/** Words indexed per step of a build run in slices. */
const WORDS_PER_STEP = 2_000;

/** Allowed edits by word length: one slip up to six letters, two in longer words. */
function allowedEdits(length: number): number {
  return length <= 6 ? 1 : 2;
}

/**
 * Corrects misspelt words against a fixed vocabulary (entity names and the words that steer
 * questions). Candidates come from fuse.js over words of similar length; the closest by edit
 * distance wins. Results are cached, since chat questions repeat their words.
 */
export class SpellingCorrector {
  private readonly byLength = new Map<number, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  /** Takes in `words` at once; with `deferred`, leaves it to `build()`, run in slices by the caller. */
  #words: Iterable<string> | undefined;

  constructor(words: Iterable<string>, deferred = false) {
    this.#words = words;
    if (!deferred) runToEnd(this.build());
  }

  /**
   * Indexes the vocabulary in steps of a few thousand words: at 100,000 facts it holds tens of
   * thousands, and indexing them in one go would hold a running bot's questions for tens of
   * milliseconds. Each word is added to its length's index as the index would read it from a list.
   */
  *build(): Steps {
    const buckets = new Map<number, string[]>();
    for (const word of new Set(this.#words)) {
      if (word.length < MIN_LENGTH) continue;
      const list = buckets.get(word.length) ?? [];
      list.push(word);
      buckets.set(word.length, list);
    }
    yield;
    let added = 0;
    for (const [length, list] of buckets) {
      const fuse = new Fuse<string>([], {
        threshold: SPELLING_THRESHOLD,
        includeScore: true,
        ignoreLocation: true,
        isCaseSensitive: true,
      });
      this.byLength.set(length, fuse);
      for (const word of list) {
        fuse.add(word);
        if (++added % WORDS_PER_STEP === 0) yield;
      }
    }
    this.#words = undefined;
  }

  /** The vocabulary word this one is a slip of, or null when none is close enough. */
  correct(word: string): string | null {
    // A three-letter word may only be missing a letter of a four-letter one ("opn", "wen", "kyv").
    const short = word.length === MIN_LENGTH - 1;
    if (word.length < MIN_LENGTH && !short) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const limit = allowedEdits(word.length);
    let best: { word: string; distance: number; score: number } | null = null;
    for (let length = short ? MIN_LENGTH : word.length - limit; length <= word.length + limit; length++) {
      for (const hit of this.byLength.get(length)?.search(word, { limit: 5 }) ?? []) {
        // A doubled letter put on the wrong letter ("appolo", "phillipines") is one slip, not two.
        const distance =
          undoubled(word) === undoubled(hit.item)
            ? Math.min(1, editDistance(word, hit.item, limit))
            : editDistance(word, hit.item, limit);
        if (distance > limit || (hit.item[0] !== word[0] && (distance > 1 || short))) continue;
        const score = hit.score ?? 1;
        if (!best || distance < best.distance || (distance === best.distance && score < best.score)) {
          best = { word: hit.item, distance, score };
        }
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, best?.word ?? null);
    return best?.word ?? null;
  }
}

/** A word with each run of one letter written once: "apollo" and "appolo" both give "apolo". */
function undoubled(word: string): string {
  return word.replace(/(.)\1+/g, "$1");
}
