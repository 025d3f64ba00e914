import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QueryEngine, statusesOf } from "../../src/engine/engine.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FIXTURE_TODAY, fixtureBase, fixtureDir } from "../support/fixtureBases.ts";

const base = fixtureBase("harbour-ferries");
const engine = new QueryEngine(base);
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
const STORM = "beacon-2026-02-20-storm";
const RESUMED = "beacon-2026-03-03-resumed";
const NORTH = ["kelp-isle-line", "dunmore-line", "farrow-line"];

describe("one timeline entry for many things, expanded at load", () => {
  it("gives every ferry line at the north harbour the storm's suspension, and the south harbour's line none", () => {
    for (const id of NORTH) {
      const first = base.timelines.get(id)?.[0];
      expect(first?.state).toBe("suspended");
      expect(first?.effective.date).toBe("2026-02-20");
      expect(first?.source.id).toBe(STORM);
    }
    expect(base.timelines.get("skerry-line")?.map((e) => e.source.id)).toEqual(["tidings-2026-02-21-south"]);
    // The harbours are places of the lines, not lines: the entry names none of them.
    expect(base.timelines.has("north-harbour")).toBe(false);
  });

  it("gives the two lines an `entities` entry names the reopening, after the suspension, and the third none", () => {
    for (const id of ["kelp-isle-line", "dunmore-line"])
      expect(base.timelines.get(id)?.map((e) => `${e.state} ${e.source.id}`)).toEqual([
        `suspended ${STORM}`,
        `open ${RESUMED}`,
      ]);
    expect(base.timelines.get("farrow-line")?.map((e) => e.state)).toEqual(["suspended"]);
  });

  it("answers each line's status from the shared entry, citing its one report", () => {
    const kelp = ask("is the kelp isle ferry running?");
    expect(kelp.verdict).toBe("yes");
    expect(kelp.statuses.map((s) => [s.entity.id, s.state, s.since.date, s.source.id])).toEqual([
      ["kelp-isle-line", "open", "2026-03-03", RESUMED],
    ]);
    const farrow = ask("is the farrow ferry sailing?");
    expect(farrow.verdict).toBe("no");
    expect(farrow.statuses.map((s) => [s.entity.id, s.state, s.source.id])).toEqual([
      ["farrow-line", "suspended", STORM],
    ]);
  });

  it("answers why a line was suspended with the shared entry's reason and source", () => {
    const a = ask("why was the dunmore ferry suspended?");
    expect(a.answered).toBe(true);
    expect(a.sources.map((s) => s.id)).toContain(STORM);
    expect(a.text).toMatch(/storm made the north harbour's crossings unsafe/);
  });

  it("cites a report that covers several lines once in an answer about them all", () => {
    for (const a of [ask("status of all ferry lines"), statusesOf(engine, FIXTURE_TODAY)]) {
      expect(a.statuses.map((s) => s.entity.id).sort()).toEqual([...NORTH, "skerry-line"].sort());
      const ids = a.sources.map((s) => s.id);
      expect(ids).toEqual([...new Set(ids)]);
      expect(ids.filter((id) => id === RESUMED)).toHaveLength(1);
    }
  });
});

describe("`check` on timeline entries that name many things", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** The fixture with one more file, loaded as `brief check` loads it. */
  function withExtra(lines: string[]) {
    const dir = mkdtempSync(path.join(tmpdir(), "briefbot-shared-"));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    cpSync(fixtureDir("harbour-ferries"), dir, { recursive: true });
    writeFileSync(path.join(dir, "zz-extra.yaml"), `${lines.join("\n")}\n`);
    const loaded = loadKnowledgeBase(dir);
    if (loaded.ok) throw new Error("expected problems");
    return loaded.problems.filter((p) => p.file.endsWith("zz-extra.yaml"));
  }
  const event = (source: string) => [
    "    events:",
    "      - state: closed",
    "        effective: { date: '2026-02-20', precision: day }",
    "        reason: A made-up reason for this test.",
    `        source: ${source}`,
    "        paragraph: 1",
  ];

  it("reports unknown ids, a thing named twice, an unknown kind and place, and an entry naming nothing, in one pass", () => {
    const problems = withExtra([
      "timelines:",
      "  - entities: [kelp-isle-line, atlantis-line, kelp-isle-line]",
      ...event(STORM),
      "  - kind: tram-line",
      ...event(STORM),
      "  - kind: ferry-line",
      "    at: lighthouse-quay",
      ...event(STORM),
      "  - kind: harbour",
      "    at: north-harbour",
      ...event(STORM),
    ]);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).toEqual(
      [
        "timelines[0].entities[1]",
        "timelines[0].entities[2]",
        "timelines[1].kind",
        "timelines[2].at",
        "timelines[3].at",
      ].sort(),
    );
    expect(byField["timelines[0].entities[1]"]).toMatch(/unknown entity "atlantis-line"/);
    expect(byField["timelines[0].entities[2]"]).toMatch(/named twice/);
    expect(byField["timelines[1].kind"]).toMatch(/unknown kind "tram-line"/);
    expect(byField["timelines[2].at"]).toMatch(/unknown entity "lighthouse-quay"/);
    expect(byField["timelines[3].at"]).toMatch(/names nothing/);
    expect(problems.every((p) => p.line !== undefined)).toBe(true);
  });

  it("asks for exactly one of entity, entities or kind, and `at` only with a kind", () => {
    const problems = withExtra([
      "timelines:",
      "  - entity: farrow-line",
      "    entities: [dunmore-line]",
      ...event(STORM),
      "  - at: north-harbour",
      ...event(STORM),
    ]);
    const fields = problems.map((p) => p.field);
    expect(fields).toContain("timelines[0].entities");
    expect(fields).toContain("timelines[1].entity");
    expect(fields).toContain("timelines[1].at");
    expect(problems.find((p) => p.field === "timelines[1].entity")?.message).toMatch(/is required/);
  });
});
