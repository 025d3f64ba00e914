import { createHash } from "node:crypto";
import type { KnowledgeBase } from "../knowledge/base.ts";
import { runToEnd, type Steps } from "../runtime/steps.ts";

/** Items hashed between two steps. */
const PER_STEP = 500;

/**
 * The knowledge base's version: the first 12 hex digits of a SHA-256 over everything it holds
 * (its topic, entities, sources, facts and timelines, in order). The same files give the same
 * version on every instance and after a restart; any edit gives another. In steps, so a running bot
 * computes it between questions.
 */
export function* baseVersionSteps(base: KnowledgeBase): Steps<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(base.topic.info));
  const groups: Iterable<unknown>[] = [
    base.entities.values(),
    base.sources.values(),
    base.facts,
    base.timelines.entries(),
  ];
  let n = 0;
  for (const group of groups) {
    hash.update("\u0000");
    for (const item of group) {
      hash.update(JSON.stringify(item));
      hash.update("\n");
      if (++n % PER_STEP === 0) yield;
    }
  }
  return hash.digest("hex").slice(0, 12);
}

/** The base's version, computed at once. */
export function baseVersion(base: KnowledgeBase): string {
  return runToEnd(baseVersionSteps(base));
}
