import path from "node:path";
import { QueryEngine } from "../../src/engine/engine.ts";
import type { KnowledgeBase } from "../../src/knowledge/base.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { REPO_ROOT } from "./tempKnowledge.ts";

/** The invented bases under tests/fixtures/bases, each on a topic of its own. */
export type FixtureBase =
  | "embassies"
  | "border-crossings"
  | "harbour-ferries"
  | "misspelt-huts"
  | "mountain-lifts"
  | "swing-bridges"
  | "canal-locks"
  | "travel-advisories"
  | "volcano-alerts";

export function fixtureDir(name: FixtureBase): string {
  return path.join(REPO_ROOT, "tests", "fixtures", "bases", name);
}

/** Loads a fixture base, failing loudly with its problems when it does not validate. */
export function fixtureBase(name: FixtureBase): KnowledgeBase {
  const loaded = loadKnowledgeBase(fixtureDir(name));
  if (!loaded.ok) throw new Error(`${name} does not load: ${JSON.stringify(loaded.problems)}`);
  return loaded.base;
}

/** The engine over a fixture base. */
export function fixtureEngine(name: FixtureBase): QueryEngine {
  return new QueryEngine(fixtureBase(name));
}

/** The day the fixture question sets are written for: every fixture report is months old. */
export const FIXTURE_TODAY = new Date("2026-12-01T12:00:00Z");
