import { createRequire } from "node:module";
import type winkNLP from "wink-nlp";

const require = createRequire(import.meta.url);

/** A word of a sentence: its lower-case, accent-free form and where it stands in the sentence. */
export interface Token {
  norm: string;
  start: number;
  end: number;
}

/**
 * Words with their offsets: "U.S." is one word "us", "didn't" one word "didnt", accents are dropped
 * and case is folded, so names match however the article writes them.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(/(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’]t\b)?/gu)) {
    const norm = fold(match[0]).replace(/[.'’]/g, "");
    if (norm) out.push({ norm, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

let nlp: ReturnType<typeof winkNLP> | undefined;

function model(): ReturnType<typeof winkNLP> {
  nlp ??= (require("wink-nlp") as typeof winkNLP)(require("wink-eng-lite-web-model"));
  return nlp;
}

/**
 * The sentences of a paragraph, as wink-nlp's English model splits them, each exactly as the
 * paragraph has it (a sentence is found again in its paragraph, so that it is quoted verbatim).
 */
export function sentencesOf(paragraph: string): string[] {
  const split = model().readDoc(paragraph).sentences().out() as string[];
  const out: string[] = [];
  let from = 0;
  for (const sentence of split) {
    const trimmed = sentence.trim();
    const at = paragraph.indexOf(trimmed, from);
    if (at < 0) return [paragraph];
    out.push(trimmed);
    from = at + trimmed.length;
  }
  return out.length > 0 ? out : [paragraph];
}

/**
 * Part-of-speech tags for the words of a sentence, by offset: the model's tokens are found in the
 * sentence in order and each of our words takes the tag of the model's token it starts in.
 */
export function tagsAt(sentence: string, tokens: readonly Token[]): string[] {
  const nlpModel = model();
  const doc = nlpModel.readDoc(sentence);
  const words = doc.tokens().out() as string[];
  const tags = doc.tokens().out(nlpModel.its.pos) as string[];
  const spans: Array<{ start: number; end: number; tag: string }> = [];
  let from = 0;
  words.forEach((word, i) => {
    const at = sentence.indexOf(word, from);
    if (at < 0) return;
    spans.push({ start: at, end: at + word.length, tag: tags[i] ?? "X" });
    from = at + word.length;
  });
  return tokens.map((t) => spans.find((s) => t.start >= s.start && t.start < s.end)?.tag ?? "X");
}
