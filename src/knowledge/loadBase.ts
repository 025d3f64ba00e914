import { assembleBase, type KnowledgeBase } from "./base.ts";
import { type KnowledgeProblem, readKnowledgeDir } from "./load.ts";

/** Reads, validates and assembles a knowledge folder; all problems are returned together. */
export function loadKnowledgeBase(
  dir: string,
): { ok: true; base: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  const read = readKnowledgeDir(dir);
  if (!read.ok) return read;
  return assembleBase(read.files);
}
