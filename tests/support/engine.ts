import { QueryEngine } from "../../src/engine/engine.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { KNOWLEDGE_DIR } from "./tempKnowledge.ts";

/** The engine over the real, curated knowledge base. */
export function realEngine(): QueryEngine {
  const loaded = loadKnowledgeBase(KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error(`knowledge does not load: ${JSON.stringify(loaded.problems)}`);
  return new QueryEngine(loaded.base);
}

/** A day long after the last article: every report is stale. */
export const LATER = new Date("2026-11-22T12:00:00Z");
/** The day after the 2024 closures were reported: the report is fresh. */
export const NEXT_DAY = new Date("2024-11-21T12:00:00Z");
