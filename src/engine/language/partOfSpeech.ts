import { createRequire } from "node:module";
import type winkNLP from "wink-nlp";

const require = createRequire(import.meta.url);

/** The universal part-of-speech tags wink-nlp's English model gives ("NOUN", "VERB", "PROPN", …). */
export type PartOfSpeech = string;

/** Parts of speech that name something: nouns and proper nouns. */
export const NAMING_TAGS: ReadonlySet<PartOfSpeech> = new Set(["NOUN", "PROPN"]);

let nlp: ReturnType<typeof winkNLP> | undefined;

/**
 * Tags the words of a question with their part of speech, through wink-nlp's English model, loaded
 * on first use (about a seventh of a second) so that start-up does not pay for it. Tags are given per
 * token of `tokens`: the model's tokens are aligned by their lower-case, apostrophe-free text, and a
 * token the model split differently gets "X".
 */
export function tagTokens(tokens: readonly string[]): PartOfSpeech[] {
  const key = tokens.join(" ");
  const cached = recent.get(key);
  if (cached) return cached;
  const tags = tag(tokens);
  // A question is tagged by several stages; the last few taggings are kept rather than redone.
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(key, tags);
  return tags;
}

const RECENT = 64;
const recent = new Map<string, PartOfSpeech[]>();

function tag(tokens: readonly string[]): PartOfSpeech[] {
  // Loaded on first use: the model is a few megabytes that start-up need not read.
  nlp ??= (require("wink-nlp") as typeof winkNLP)(require("wink-eng-lite-web-model"));
  const doc = nlp.readDoc(tokens.join(" "));
  const words = doc.tokens().out() as string[];
  const tags = doc.tokens().out(nlp.its.pos) as string[];
  const out: PartOfSpeech[] = [];
  let k = 0;
  for (const token of tokens) {
    let tag = "X";
    for (let j = k; j < Math.min(words.length, k + 3); j++) {
      if ((words[j] ?? "").toLowerCase().replace(/'/g, "") === token) {
        tag = tags[j] ?? "X";
        k = j + 1;
        break;
      }
    }
    out.push(tag);
  }
  return out;
}
