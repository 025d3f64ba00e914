import path from "node:path";
import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { interpret, splitParts } from "../../src/engine/interpret/interpret.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FIXTURE_TODAY } from "../support/fixtureBases.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

/**
 * The invented Kestrel range base (tests/fixtures/bases/kestrel-range): two passes and two border
 * crossings between Marrovia and Quelland, two companies' cable cars, a field clinic, a bus, a
 * minister, and three papers' reports of a landslide on 3 May 2026.
 */
function kestrelRange(): QueryEngine {
  const loaded = loadKnowledgeBase(path.join(REPO_ROOT, "tests", "fixtures", "bases", "kestrel-range"));
  if (!loaded.ok) throw new Error(`kestrel-range does not load: ${JSON.stringify(loaded.problems)}`);
  return new QueryEngine(loaded.base);
}

const engine = kestrelRange();
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
/** The engine's reading of a question into parts, before anything is answered. */
const partsOf = (q: string) => interpret(engine.index, q, FIXTURE_TODAY, 2026).parts;
const ids = (a: { statuses: { entity: { id: string } }[] }) => a.statuses.map((s) => s.entity.id);
const entityIds = (a: { entities: { id: string }[] }) => a.entities.map((e) => e.id);
const factIds = (a: { facts: { id: string }[] }) => a.facts.map((f) => f.id);
const sourceIds = (a: { sources: { id: string }[] }) => a.sources.map((s) => s.id);
const kinds = (a: { caveats: { kind: string }[] }) => a.caveats.map((c) => c.kind);

const COURIER = "courier-2026-05-04-landslide";
const POST = "post-2026-05-27-hauliers";
const HERALD_REOPENINGS = "herald-2026-05-18-reopenings";
const HERALD_ROUNDUP = "herald-2026-06-01-roundup";
const CROSSINGS = ["dunby-crossing", "tolvik-crossing"];

describe("did it stay open the whole time", () => {
  it.each([
    "did the kestrel pass stay open the whole time?",
    "did the kestrel pass stay open throughout?",
    "did the kestrel pass stay open all along?",
  ])("says no to '%s', citing the closure and how it stands now that it is open again", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(a.intent).toBe("status");
    expect(a.verdict).toBe("no");
    expect(ids(a)).toEqual(["kestrel-pass"]);
    expect(a.status?.state).toBe("open");
    // The closure, then the current status (open since the reopening of 17 May).
    expect(sourceIds(a)).toEqual([COURIER, HERALD_REOPENINGS]);
    expect(a.text).toContain("17 May 2026");
  });

  it("says yes when every reported change kept it open", () => {
    const a = ask("did the harl pass stay open throughout?");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status");
    expect(a.verdict).toBe("yes");
    expect(ids(a)).toEqual(["harl-pass"]);
    // The report of its opening and the later report that it still held, and no other.
    expect([...sourceIds(a)].sort()).toEqual([COURIER, POST].sort());
  });

  it("says partly of two named things of which only one stayed open", () => {
    const a = ask("did the kestrel pass and the harl pass stay open the whole time?");
    expect(a.verdict).toBe("partly");
    expect(ids(a).sort()).toEqual(["harl-pass", "kestrel-pass"]);
    expect(sourceIds(a)).toContain(COURIER);
  });

  it("does not answer a question with a month this way: it is asked of that month", () => {
    const a = ask("did the kestrel pass stay open throughout may 2026?");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status-on-date");
    expect(a.verdict).toBeUndefined();
  });

  it("does not answer a question with 'since' a year this way", () => {
    const a = ask("has the kestrel pass stayed open the whole time since 2024?");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status");
    expect(a.verdict).toBeUndefined();
    expect(sourceIds(a)).not.toContain(COURIER);
  });
});

describe("still shut, of a thing that has reopened", () => {
  it.each([
    ["why is the kestrel pass still shut?", "kestrel-pass", HERALD_REOPENINGS],
    ["why is the dunby crossing still closed?", "dunby-crossing", HERALD_ROUNDUP],
  ])("'%s' says the premise does not hold, citing the reopening", (q, id, reopening) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(kinds(a)).toContain("premise-not-supported");
    expect(ids(a)).toEqual([id]);
    expect(a.status?.state).toBe("open");
    expect(sourceIds(a)).toContain(reopening);
  });

  it("does not say so of 'why was it still shut on' a date, when it was shut", () => {
    const a = ask("why was the kestrel pass still shut on 10 may 2026?");
    expect(a.answered).toBe(true);
    expect(kinds(a)).not.toContain("premise-not-supported");
  });

  it("does not say so of 'why did it stay shut', asked of the past", () => {
    const a = ask("why did the kestrel pass stay shut?");
    expect(a.answered).toBe(true);
    expect(kinds(a)).not.toContain("premise-not-supported");
    expect(ids(a)).toEqual(["kestrel-pass"]);
    expect(sourceIds(a)).toContain(COURIER);
  });
});

describe("open on a date before the first report", () => {
  it("says no when the first report is its opening", () => {
    const a = ask("was the dunby field clinic open on 1 may 2026?");
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(a.intent).toBe("status-on-date");
    expect(a.verdict).toBe("no");
    expect(entityIds(a)).toEqual(["dunby-field-clinic"]);
    expect(sourceIds(a)).toEqual([HERALD_REOPENINGS]);
  });

  it.each(["was the harl–tolvik bus open on 1 may 2026?", "was the harl-tolvik bus running on 1 may 2026?"])(
    "declines '%s', whose first report is a return to service",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(false);
      expect(a.code).toBe("no-status");
      expect(a.verdict).toBeUndefined();
      expect(entityIds(a)).toEqual(["harl-tolvik-bus"]);
    },
  );
});

describe("how long it was closed", () => {
  it("quotes a report giving the length within a day of the dates' count, and cites it", () => {
    const a = ask("how long was the kestrel pass closed?");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["kestrel-pass"]);
    expect(a.text).toContain("15 days");
    expect(a.text).not.toContain("14 days");
    expect(sourceIds(a)).toEqual([COURIER, HERALD_REOPENINGS, POST]);
  });

  it.each([
    ["how long was the dunby crossing closed?", "dunby-crossing", "22 days", "30 days"],
    ["how long was the ridge cable car closed?", "ridge-cable-car", "7 days", "9 days"],
  ])(
    "counts from the dates for '%s', whose report gives a length too far off",
    (q, id, counted, reported) => {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(ids(a)).toEqual([id]);
      expect(a.text).toContain(counted);
      expect(a.text).not.toContain(reported);
      expect(sourceIds(a)).not.toContain(POST);
    },
  );
});

describe("who wrote a paper's piece", () => {
  it("answers that the paper's article names no author", () => {
    const a = ask("who wrote the tolvik post piece?");
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(a.verdict).toBe("not-given");
    expect(kinds(a)).toEqual(["not-given"]);
    expect(sourceIds(a)).toEqual([POST]);
  });

  it("names the author where the article has one", () => {
    const a = ask("who wrote the kestrel courier piece?");
    expect(a.answered).toBe(true);
    expect(a.verdict).toBeUndefined();
    expect(kinds(a)).not.toContain("not-given");
    expect(a.text).toContain("Odile Varn");
    expect(sourceIds(a)).toEqual([COURIER]);
  });
});

describe("a place named in a description", () => {
  it.each(["is the pass to marrovia open?", "is the pass in marrovia open?", "is the marrovia pass open?"])(
    "narrows '%s' to the pass whose own description names Marrovia",
    (q) => {
      const [part] = partsOf(q);
      expect(part?.targets.map((e) => e.id)).toEqual(["kestrel-pass"]);
    },
  );

  it.each(["are the marrovia crossings open?", "are the crossings in marrovia open?"])(
    "does not narrow '%s' by a place the crossings' kind description names",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(ids(a).sort()).toEqual(CROSSINGS);
    },
  );

  it("still narrows the crossings by a town their kind does not name", () => {
    const a = ask("is the crossing in dunby open?");
    expect(ids(a)).toEqual(["dunby-crossing"]);
  });
});

describe("a thing or owner set beside the subject by 'before' or 'after'", () => {
  it.each([
    ["why did alpina's cable car reopen before corvey's?", "ridge-cable-car", "corvey"],
    ["why did corvey's gondola reopen after alpina's?", "summit-gondola", "alpina-lifts"],
  ])("answers '%s' about the first company's cable car only", (q, id, other) => {
    const [part] = partsOf(q);
    expect(part?.u.excluded.map((e) => e.id)).toEqual([other]);
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("why");
    expect(ids(a)).toEqual([id]);
    expect(entityIds(a)).toEqual([id]);
  });

  it("does not set aside an event named after 'before'", () => {
    const [part] = partsOf("why did the summit gondola close before the landslide?");
    expect(part?.u.excluded).toEqual([]);
    expect(part?.u.entities.map((e) => e.id)).toContain("kestrel-landslide");
    expect(part?.targets.map((e) => e.id)).toEqual(["summit-gondola"]);
  });
});

describe("a status in one month vs another", () => {
  it("asks the same thing of each date, as two parts", () => {
    const parts = partsOf("status of the kestrel pass in may 2026 vs june 2026");
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.shape.date?.date)).toEqual(["2026-05", "2026-06"]);
    expect(parts.map((p) => p.targets.map((e) => e.id))).toEqual([["kestrel-pass"], ["kestrel-pass"]]);
    expect(parts.map((p) => p.intent)).toEqual(["status-on-date", "status-on-date"]);
    const a = ask("status of the kestrel pass in may 2026 vs june 2026");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status-on-date");
    expect(ids(a)).toEqual(["kestrel-pass"]);
    expect(sourceIds(a)).toEqual([COURIER, HERALD_REOPENINGS]);
  });

  it("does not ask the first thing again when 'vs' names another thing", () => {
    const parts = partsOf("status of the kestrel pass vs the harl pass in may 2026");
    expect(parts).toHaveLength(2);
    expect(parts[1]?.targets.map((e) => e.id)).toEqual(["harl-pass"]);
  });
});

describe("what country or city a person was in", () => {
  it.each([
    "what city was lida marsh in when the landslide struck?",
    "what country was lida marsh in when the landslide struck?",
  ])("reads '%s' as where, answered by the fact that says where", (q) => {
    expect(partsOf(q)[0]?.shape.word).toBe("where");
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(factIds(a)).toEqual(["lida-marsh-in-tolvik"]);
    expect(sourceIds(a)).toEqual([HERALD_ROUNDUP]);
  });

  it("does not read 'what did she do' as where", () => {
    const q = "what did lida marsh do after the landslide?";
    expect(partsOf(q)[0]?.shape.word).toBe("what");
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(factIds(a)).toContain("lida-marsh-sent-crews");
    expect(factIds(a)).not.toContain("lida-marsh-in-tolvik");
  });
});

describe("did anyone do something because of an event", () => {
  it("is not a why-question, and finds a report from the article about the event that does not name it", () => {
    const q = "did anyone airlift walkers because of the landslide?";
    expect(partsOf(q)[0]?.shape.word).toBe("yes-no");
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(a.intent).not.toBe("why");
    expect(factIds(a)).toEqual(["rescuers-airlifted-walkers"]);
    expect(sourceIds(a)).toEqual([COURIER]);
  });

  it("finds a report from an article about a thing the event acted on", () => {
    const a = ask("did anyone reroute lorries because of the landslide?");
    expect(a.answered).toBe(true);
    expect(a.intent).not.toBe("why");
    expect(factIds(a)).toEqual(["hauliers-rerouted-lorries"]);
    expect(sourceIds(a)).toEqual([POST]);
  });

  it("declines a cause the base lacks", () => {
    const a = ask("did anyone airlift walkers because of the earthquake?");
    expect(a.answered).toBe(false);
    expect(a.facts).toEqual([]);
  });

  it("declines a report from an article neither about the event nor about what it acted on", () => {
    expect(ask("did anyone repaint the school hall?").answered).toBe(true);
    const a = ask("did anyone repaint the school hall because of the landslide?");
    expect(a.answered).toBe(false);
    expect(a.facts).toEqual([]);
  });

  it("still reads a cause put to a change of state as a why-question", () => {
    const a = ask("did the kestrel pass close because of the landslide?");
    expect(a.intent).toBe("why");
    expect(ids(a)).toEqual(["kestrel-pass"]);
    expect(sourceIds(a)).toContain(COURIER);
  });
});

describe("according to a paper, how many", () => {
  it.each([
    ["tolvik post", "post-55-families-evacuated", POST],
    ["kestrel courier", "courier-40-families-evacuated", COURIER],
  ])("is one how-many question answered with the %s's own figure", (paper, fact, source) => {
    const q = `according to the ${paper}, how many families were evacuated from dunby?`;
    expect(splitParts(q)).toHaveLength(1);
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("how-many");
    expect(factIds(a)).toEqual([fact]);
    expect(sourceIds(a)).toEqual([source]);
  });

  it("gives both papers' figures when no paper is named", () => {
    const a = ask("how many families were evacuated from dunby?");
    expect(a.intent).toBe("how-many");
    expect(factIds(a).sort()).toEqual(["courier-40-families-evacuated", "post-55-families-evacuated"]);
  });

  it("still splits a question of its own after a comma", () => {
    expect(splitParts("is the kestrel pass open, and how many lorries were rerouted?")).toHaveLength(2);
  });
});
