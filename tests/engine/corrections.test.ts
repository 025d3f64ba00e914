import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/engine/answer.ts";
import { QueryEngine, statusesOf } from "../../src/engine/engine.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FIXTURE_TODAY, fixtureBase, fixtureDir } from "../support/fixtureBases.ts";

const base = fixtureBase("misspelt-huts");
const engine = new QueryEngine(base);
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
/** How many times the answer's text names the curator's reading, and how many curator's notes it has. */
const count = (a: Answer, words: string) => a.text.split(words).length - 1;
const notes = (a: Answer) => count(a, "the curator notes");

describe("corrections as loaded", () => {
  it("finds a thing by the curator's spelling as well as the article's", () => {
    expect(base.entities.get("brannock-hut")?.name).toBe("Brannick Hut");
    expect(base.entities.get("brannock-hut")?.aliases).toContain("Brannock Hut");
    expect(base.entities.get("ilse-morvan")?.aliases).toContain("Ilse Morvan");
  });

  it("gives a fact the corrections of the things it is about whose names its statement uses", () => {
    const byId = (id: string) => base.facts.find((f) => f.id === id);
    expect(
      byId("warden-led-guests-down")
        ?.corrections?.map((c) => c.curator)
        .sort(),
    ).toEqual(["Brannock Hut", "Ilse Morvan"]);
    // About the hut, but its statement says "the hut": there is nothing of the article's to mark.
    expect(byId("council-runs-huts")?.corrections).toBeUndefined();
    expect(byId("inspection-ordered")?.corrections).toEqual([
      { article: "Tourism Office", curator: "the Valley Council", kind: "wording" },
    ]);
  });
});

describe("answers that cite the article's words mark the curator's correction", () => {
  it("keeps the article's spelling in the fact and notes the curator's once, beside it", () => {
    const a = ask("who led the guests down from the brannock hut?");
    expect(a.facts.map((f) => f.id)).toEqual(["warden-led-guests-down"]);
    expect(a.facts[0]?.statement).toContain("Ilse Morvaan");
    expect(a.facts[0]?.statement).not.toContain("Ilse Morvan ");
    expect(a.facts[0]?.corrections?.map((c) => c.article).sort()).toEqual(["Brannick Hut", "Ilse Morvaan"]);
    expect(count(a, "Ilse Morvaan (the article's spelling")).toBe(1);
    expect(count(a, "Ilse Morvan)")).toBe(1);
    expect(notes(a)).toBe(2);
  });

  it("answers the same, by either spelling of the name", () => {
    for (const q of ["is the brannock hut open?", "is the brannick hut open?"]) {
      const a = ask(q);
      expect(a.verdict).toBe("no");
      expect(a.statuses.map((s) => [s.entity.id, s.state])).toEqual([["brannock-hut", "closed"]]);
      expect(count(a, "Brannock Hut)")).toBe(1);
    }
    const who = ask("who is ilse morvan?");
    expect(who.facts.map((f) => f.id)).toEqual(["warden-led-guests-down"]);
  });

  it("marks a wrong word as the article's wording, with what the curator takes it to mean", () => {
    const a = ask("who ordered the inspection of the slope?");
    expect(a.facts.map((f) => f.id)).toEqual(["inspection-ordered"]);
    expect(a.facts[0]?.corrections?.[0]?.kind).toBe("wording");
    expect(count(a, "Tourism Office (the article's wording")).toBe(1);
    expect(count(a, "the Valley Council)")).toBe(1);
  });

  it("adds no note where the answer uses none of the article's corrected words", () => {
    const a = ask("who runs the huts?");
    expect(a.facts.map((f) => f.id)).toEqual(["council-runs-huts"]);
    expect(notes(a)).toBe(0);
    expect(ask("is the lowmoss hut open?").text).not.toMatch(/curator/);
  });

  it("marks a tracked thing's name in the status list too", () => {
    const a = statusesOf(engine, FIXTURE_TODAY);
    expect(a.statuses.map((s) => s.entity.id).sort()).toEqual(["brannock-hut", "lowmoss-hut"]);
    expect(count(a, "Brannock Hut)")).toBe(1);
  });
});

describe("`check` on corrections", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** The fixture with its files edited, loaded as `brief check` loads it. */
  function edited(edits: Record<string, (text: string) => string>) {
    const dir = mkdtempSync(path.join(tmpdir(), "briefbot-corrections-"));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    cpSync(fixtureDir("misspelt-huts"), dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const where = path.join(dir, file);
      writeFileSync(where, edit(readFileSync(where, "utf8")));
    }
    const loaded = loadKnowledgeBase(dir);
    if (loaded.ok) throw new Error("expected problems");
    return loaded.problems;
  }

  it("refuses a fact's correction of words its statement does not use, and an entity's of a name it lacks", () => {
    const problems = edited({
      "facts.yaml": (t) => t.replace('article: "Tourism Office"', 'article: "Tourist Office"'),
      "entities.yaml": (t) => t.replace('article: "Ilse Morvaan"', 'article: "Ilse Morvane"'),
    });
    expect(problems.map((p) => `${p.file.split(path.sep).at(-1)} ${p.field}`).sort()).toEqual([
      "entities.yaml entities[3].corrections[0].article",
      "facts.yaml facts[1].corrections[0].article",
    ]);
    expect(problems.every((p) => p.line !== undefined)).toBe(true);
    expect(problems.find((p) => p.field.startsWith("facts"))?.message).toMatch(/not in the statement/);
  });
});
