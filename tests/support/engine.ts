import path from "node:path";
import { QueryEngine } from "../../src/engine/engine.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { REPO_ROOT } from "./tempKnowledge.ts";

/** A frozen copy of the curated base, so that an edit to knowledge/ cannot break the engine's tests. */
export const KYIV_SNAPSHOT = path.join(REPO_ROOT, "tests", "fixtures", "bases", "kyiv-snapshot");

/** The engine over the frozen copy of the curated Kyiv base. */
export function realEngine(): QueryEngine {
  const loaded = loadKnowledgeBase(KYIV_SNAPSHOT);
  if (!loaded.ok) throw new Error(`knowledge does not load: ${JSON.stringify(loaded.problems)}`);
  return new QueryEngine(loaded.base);
}

/** A day long after the last article: every report is stale. */
export const LATER = new Date("2026-11-22T12:00:00Z");
/** The day after the 2024 closures were reported: the report is fresh. */
export const NEXT_DAY = new Date("2024-11-21T12:00:00Z");
