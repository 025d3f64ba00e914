import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { LATER } from "../support/engine.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const loaded = loadKnowledgeBase(KNOWLEDGE_DIR);
if (!loaded.ok) throw new Error(`knowledge does not load: ${JSON.stringify(loaded.problems)}`);
const base = loaded.base;
const engine = new QueryEngine(base);
const ask = (q: string) => engine.ask(q, { now: LATER });

/** The article's spellings the curator corrected, as the Kyiv base records them. */
const CORRECTED = {
  "kristina-kvien": ["Christina Quinn", "Kristina Kvien"],
  "fort-bragg": ["Port Bragg", "Fort Bragg"],
  "antony-blinken": ["Anthony Blinken", "Antony Blinken"],
} as const;

describe("the Kyiv base reports the 2022 article's words, with the curator's corrections marked", () => {
  it("names each misspelt person or place as the article does, with the curator's spelling as a correction", () => {
    for (const [id, [article, curator]] of Object.entries(CORRECTED)) {
      const entity = base.entities.get(id);
      expect(entity?.name).toBe(article);
      expect(entity?.corrections).toEqual([{ article, curator, kind: "spelling" }]);
    }
  });

  it("says no curator's correction in a statement, except where the statement marks it", () => {
    const curators = new Set(
      [...base.entities.values(), ...base.facts].flatMap((x) => (x.corrections ?? []).map((c) => c.curator)),
    );
    expect(curators.size).toBeGreaterThanOrEqual(4);
    for (const fact of base.facts.filter((f) => f.source === "wsj-relay-2022-05-special-forces"))
      for (const curator of curators)
        if (!curator.startsWith("the ")) expect(fact.statement, fact.id).not.toContain(curator);
  });

  it("answers questions using either spelling with the same facts, and marks the correction", () => {
    for (const q of ["who is kristina kvien", "who is christina quinn"]) {
      const a = ask(q);
      expect(a.entities.map((e) => e.id)).toContain("kristina-kvien");
      expect(a.facts.map((f) => f.id)).toContain("us-diplomats-returned-to-kyiv-2022-05-08");
      expect(a.text).toMatch(/Christina Quinn \(the article's spelling; [^)]*Kristina Kvien\)/);
    }
    const jsoc = ask("where's jsoc based according to the report");
    expect(jsoc.facts.map((f) => f.id)).toEqual(["special-forces-escorted-diplomats-2022-05-08"]);
    expect(jsoc.facts[0]?.corrections?.map((c) => c.curator)).toEqual(["Fort Bragg"]);
  });

  it("keeps the article's 'Foreign Ministry' in the paragraph 3 facts, marked as the curator's reading", () => {
    const a = ask("what was the state dept afraid putin would do re the embassy");
    expect(a.facts.map((f) => f.id)).toEqual(["state-department-feared-putin-reaction"]);
    expect(a.facts[0]?.corrections).toEqual([
      { article: "Foreign Ministry", curator: "the US State Department", kind: "wording" },
    ]);
    expect(ask("who is ukraine's foreign minister").answered).toBe(false);
  });
});
