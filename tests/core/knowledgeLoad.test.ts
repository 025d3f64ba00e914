import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem, parseKnowledgeFile } from "../../src/knowledge/load.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { KNOWLEDGE_DIR, scratchCopy } from "../support/tempKnowledge.ts";

describe("the curated base", () => {
  const loaded = loadKnowledgeBase(KNOWLEDGE_DIR);

  it("loads with no problems and holds at least 50 facts from the two articles", () => {
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.base.facts.length).toBeGreaterThanOrEqual(50);
    expect(loaded.base.sources.size).toBe(2);
  });

  it("every fact cites a known source and a paragraph, and every status event a source", () => {
    if (!loaded.ok) throw new Error("base did not load");
    for (const fact of loaded.base.facts) {
      expect(loaded.base.sources.has(fact.source)).toBe(true);
      expect(fact.paragraph).toBeGreaterThan(0);
    }
    for (const events of loaded.base.timelines.values()) {
      for (const event of events) expect(loaded.base.sources.has(event.source.id)).toBe(true);
    }
  });

  it("knows Kyiv by its other spellings", () => {
    if (!loaded.ok) throw new Error("base did not load");
    const kyiv = loaded.base.entities.get("kyiv");
    expect(kyiv?.aliases).toEqual(expect.arrayContaining(["Kiev", "Київ", "Киев"]));
  });
});

describe("a broken knowledge file", () => {
  it("with a wrong value is rejected with the file, the field path and the line", () => {
    const text = [
      "facts:",
      "  - id: good-fact",
      "    about: [kyiv]",
      "    statement: Something happened.",
      "    source: a-source",
      "    paragraph: 2",
      "    attribution: reported by someone",
      "    certainty: probably",
    ].join("\n");
    const result = parseKnowledgeFile("knowledge/bad.yaml", text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.field === "facts[0].certainty");
    expect(problem).toMatchObject({ file: "knowledge/bad.yaml", line: 8 });
    expect(formatProblem(problem as NonNullable<typeof problem>)).toMatch(
      /^knowledge\/bad\.yaml:8 facts\[0\]\.certainty: /,
    );
  });

  it("with a missing field points at the record that lacks it", () => {
    const text = ["sources:", "  - id: s1", "    publisher: P", "    headline: H"].join("\n");
    const result = parseKnowledgeFile("k.yaml", text);
    if (result.ok) throw new Error("expected a problem");
    expect(result.problems[0]).toMatchObject({ field: "sources[0].published", line: 2 });
  });

  it("with broken YAML reports the syntax error's line", () => {
    const result = parseKnowledgeFile("k.yaml", "facts:\n  - id: x\n    about: [kyiv\n");
    if (result.ok) throw new Error("expected a problem");
    expect(result.problems[0]?.field).toBe("(syntax)");
    expect(result.problems[0]?.line).toBeGreaterThan(0);
  });

  describe("among good files", () => {
    let cleanup = () => {};
    afterEach(() => cleanup());

    it("citing an unknown source or entity is rejected with the line of the reference", () => {
      const scratch = scratchCopy();
      cleanup = scratch.cleanup;
      writeFileSync(
        path.join(scratch.knowledgeDir, "zz-extra.yaml"),
        [
          "facts:",
          "  - id: extra-fact",
          "    about: [kyiv, atlantis]",
          "    statement: A made-up statement for this test.",
          "    source: no-such-source",
          "    paragraph: 1",
          "    attribution: reported by nobody",
          "    certainty: reported",
        ].join("\n"),
      );
      const loaded = loadKnowledgeBase(scratch.knowledgeDir);
      if (loaded.ok) throw new Error("expected problems");
      const fields = loaded.problems.map((p) => `${p.field}@${p.line}`);
      expect(fields).toEqual(expect.arrayContaining(["facts[0].about[1]@3", "facts[0].source@5"]));
      expect(loaded.problems.every((p) => p.file.endsWith("zz-extra.yaml"))).toBe(true);
    });

    it("reusing an id is rejected, naming where it was first defined", () => {
      const scratch = scratchCopy();
      cleanup = scratch.cleanup;
      writeFileSync(
        path.join(scratch.knowledgeDir, "zz-dup.yaml"),
        "entities:\n  - id: kyiv\n    kind: city\n    name: Another Kyiv\n",
      );
      const loaded = loadKnowledgeBase(scratch.knowledgeDir);
      if (loaded.ok) throw new Error("expected problems");
      expect(loaded.problems[0]?.message).toMatch(/duplicate id "kyiv" \(first defined in/);
    });
  });
});
