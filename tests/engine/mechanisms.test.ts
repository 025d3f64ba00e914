import path from "node:path";
import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { tokenize } from "../../src/engine/normalise/text.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FIXTURE_TODAY, fixtureEngine } from "../support/fixtureBases.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

/**
 * The invented Lake Orvel base (tests/fixtures/bases/lake-ferries): two ferries run by two companies,
 * a harbour, three piers and a slipway, a visitor kiosk, and three papers' reports of a gale.
 */
function lakeFerries(): QueryEngine {
  const loaded = loadKnowledgeBase(path.join(REPO_ROOT, "tests", "fixtures", "bases", "lake-ferries"));
  if (!loaded.ok) throw new Error(`lake-ferries does not load: ${JSON.stringify(loaded.problems)}`);
  return new QueryEngine(loaded.base);
}

const engine = lakeFerries();
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
const ids = (a: { statuses: { entity: { id: string } }[] }) => a.statuses.map((s) => s.entity.id);
const entityIds = (a: { entities: { id: string }[] }) => a.entities.map((e) => e.id);
const factIds = (a: { facts: { id: string }[] }) => a.facts.map((f) => f.id);
const sourceIds = (a: { sources: { id: string }[] }) => a.sources.map((s) => s.id);
const kinds = (a: { caveats: { kind: string }[] }) => a.caveats.map((c) => c.kind);
/** The base's reading of a question's words, before anything is looked up. */
const reads = (e: QueryEngine, words: string) => e.index.lexicon.rewrite(tokenize(words));

const FERRIES = ["kelmark-vellan-ferry", "ostrand-brisholm-ferry"];

describe("a count no report gives", () => {
  it.each([
    ["patrol", "how many wardens patrol the brisholm pier?"],
    ["guard", "how many wardens guard the brisholm pier?"],
  ])(
    "says no figure is given for the pier's wardens, with the report on them as context ('%s')",
    (verb, q) => {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(a.code).toBe("answered");
      expect(a.intent).toBe("how-many");
      expect(a.verdict).toBe("not-given");
      expect(a.caveats.find((c) => c.kind === "not-given")?.addresses).toEqual([verb]);
      expect(entityIds(a)).toEqual(["brisholm-pier"]);
      expect(factIds(a)).toEqual(["brisholm-pier-wardens"]);
      expect(sourceIds(a)).toEqual(["lantern-2026-03-13-gale"]);
    },
  );

  it("gives the best matching report when none mentions the noun counted", () => {
    const a = ask("how many guards keep walkers off the brisholm pier?");
    expect(a.verdict).toBe("not-given");
    expect(kinds(a)).toContain("not-given");
    expect(factIds(a)).toEqual(["brisholm-pier-wardens"]);
  });

  it.each([
    "how many wardens patrol the brisholm pier in quarvendale?",
    "how many wardens from quarvendale patrol the brisholm pier?",
  ])("still declines '%s', which names a place the base lacks", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(false);
    expect(a.verdict).toBeUndefined();
    expect(a.facts).toEqual([]);
  });
});

describe("the noun a count is of", () => {
  it("does not make every ferry a target of 'how many ferries were cancelled at Ostrand Harbour'", () => {
    for (const q of [
      "how many ferries were cancelled at ostrand harbour on 12 march 2026?",
      "how many ferries were cancelled at ostrand harbour on 12 march?",
    ]) {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(a.intent).toBe("how-many");
      expect(entityIds(a)).toEqual(["ostrand-harbour"]);
      expect(a.statuses).toEqual([]);
      expect(factIds(a)).toEqual(["ostrand-harbour-cancelled-23-ferries"]);
      expect(sourceIds(a)).toEqual(["lantern-2026-03-13-gale"]);
    }
  });

  it("still names every ferry when it is not counted", () => {
    const a = ask("are the ferries running?");
    expect(ids(a).sort()).toEqual(FERRIES);
    expect(a.verdict).toBe("yes");
  });
});

describe("a first opening no report gives", () => {
  it("declines 'when was it opened' of a pier never reported open", () => {
    const a = ask("when was the brisholm pier opened?");
    expect(a.answered).toBe(false);
    expect(a.code).toBe("no-facts");
    expect(a.statuses).toEqual([]);
    expect(entityIds(a)).toEqual(["brisholm-pier"]);
  });

  it.each(["when did the brisholm pier reopen?", "when will the brisholm pier reopen?"])(
    "answers '%s' from the expected reopening",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(a.code).toBe("answered");
      expect(kinds(a)).toContain("expectation");
      expect(ids(a)).toEqual(["brisholm-pier"]);
      expect(a.status?.state).toBe("closed");
      // The Gazette's report that it is still closed, and the Lantern's of the closure itself.
      expect(sourceIds(a)).toEqual(["gazette-2026-03-20-brisholm", "lantern-2026-03-13-gale"]);
    },
  );

  it("answers 'when was it opened' of a pier that was reported reopening", () => {
    const a = ask("when was the gull rock pier opened?");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["gull-rock-pier"]);
    expect(a.status?.since.date).toBe("2026-03-16");
    expect(sourceIds(a)).toEqual(["ledger-2026-03-16-kelmark"]);
  });
});

describe("keyword phrases of little words", () => {
  it.each(["who had to get out?", "who had to get out of brisholm?", "who had to get out on 12 march?"])(
    "rank the fact that lists 'get out' for '%s'",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(factIds(a)).toEqual(["brisholm-campers-told-to-leave"]);
      expect(sourceIds(a)).toEqual(["lantern-2026-03-13-gale"]);
    },
  );

  it.each(["who had to get up and out?", "who had to go out?"])(
    "count only whole: '%s' is not answered",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(false);
      expect(factIds(a)).not.toContain("brisholm-campers-told-to-leave");
    },
  );
});

describe("a paper named as the source", () => {
  it("without a paper, the report worded like the question comes first", () => {
    const a = ask("how many passengers were stranded on brisholm?");
    expect(factIds(a)).toEqual(["gazette-200-passengers-stranded"]);
  });

  it.each([
    "how many passengers were stranded on brisholm according to the evening lantern?",
    "how many passengers were stranded on brisholm, per the evening lantern piece?",
  ])("ranks that paper's report, which does not list the paper, for '%s'", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("how-many");
    expect(factIds(a)).toEqual(["lantern-140-passengers-left"]);
    expect(sourceIds(a)).toEqual(["lantern-2026-03-13-gale"]);
  });

  it("ranks the other paper's report when the other paper is named", () => {
    const a = ask("how many passengers were left on brisholm according to the lakeside gazette?");
    expect(factIds(a)).toEqual(["gazette-200-passengers-stranded"]);
    expect(sourceIds(a)).toEqual(["gazette-2026-03-20-brisholm"]);
  });
});

describe("a place named in a tracked thing's name", () => {
  it("answers 'is Harrowby closed' with the Harrowby Slipway", () => {
    const a = ask("is harrowby closed?");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["harrowby-slipway"]);
    expect(a.verdict).toBe("yes");
  });

  it.each(["is the harrowby timber yard closed?", "is harrowby timber yard open?"])(
    "does not answer '%s', the place's longer name for the yard, with the slipway",
    (q) => {
      const a = ask(q);
      expect(ids(a)).not.toContain("harrowby-slipway");
      expect(entityIds(a)).not.toContain("harrowby-slipway");
      expect(a.answered).toBe(false);
    },
  );
});

describe("things a noun fits, narrowed by a place named later", () => {
  it("answers ferries to Brisholm on 12 March with the Ostrand–Brisholm ferry only", () => {
    const a = ask("were ferries running to brisholm on 12 march 2026?");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status-on-date");
    expect(entityIds(a)).toEqual(["ostrand-brisholm-ferry"]);
    expect(sourceIds(a)).toEqual(["lantern-2026-03-13-gale"]);
  });

  it("answers ferries to Vellan on 14 March with the Kelmark–Vellan ferry only", () => {
    const a = ask("were ferries running to vellan on 14 march 2026?");
    expect(entityIds(a)).toEqual(["kelmark-vellan-ferry"]);
    expect(sourceIds(a)).toEqual(["ledger-2026-03-16-kelmark"]);
  });

  it("answers for every ferry when no place is named", () => {
    const a = ask("were ferries running on 12 march 2026?");
    expect(entityIds(a).sort()).toEqual(FERRIES);
  });

  it("does not answer with the ferries for a place neither relates to", () => {
    const a = ask("were ferries running to harrowby on 12 march 2026?");
    expect(a.answered).toBe(false);
    expect(entityIds(a)).toEqual([]);
  });
});

describe("a body that owns tracked things", () => {
  it.each([
    "is tamsel sailing to brisholm?",
    "is tamsel shipping sailing to brisholm?",
    "is tamsel running to brisholm?",
  ])("stands for its ferry in '%s'", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["ostrand-brisholm-ferry"]);
    expect(a.status?.state).toBe("open");
  });

  it("answers for Bluewake's ferry to Vellan", () => {
    const a = ask("is bluewake sailing to vellan?");
    expect(ids(a)).toEqual(["kelmark-vellan-ferry"]);
  });

  it("does not answer a body's question with another body's ferry to the place", () => {
    const a = ask("is bluewake sailing to brisholm?");
    expect(a.answered).toBe(false);
    expect(ids(a)).toEqual([]);
    expect(entityIds(a)).not.toContain("ostrand-brisholm-ferry");
  });

  it("answers for both bodies' ferries when two are joined by 'and'", () => {
    const a = ask("are tamsel and bluewake sailing?");
    expect(a.answered).toBe(true);
    expect(ids(a).sort()).toEqual(FERRIES);
  });
});

describe("chat shorthand", () => {
  it("reads 'ppl', 'govt' and 'tmrw' as the words they stand for", () => {
    expect(reads(engine, "ppl govt tmrw")).toEqual(["people", "government", "tomorrow"]);
  });

  it("counts 'ppl' as people", () => {
    const a = ask("how many ppl were evacuated from brisholm?");
    expect(a.answered).toBe(true);
    expect(a.verdict).toBeUndefined();
    expect(factIds(a)).toEqual(["rangers-evacuated-60-people"]);
  });

  it("finds what the government ordered from 'govt'", () => {
    const a = ask("what did the govt order?");
    expect(a.answered).toBe(true);
    expect(factIds(a)).toEqual(["government-kept-ferries-in-port"]);
  });

  it("reads 'tmrw' as tomorrow", () => {
    const short = ask("is the brisholm info point open tmrw?");
    const full = ask("is the brisholm info point open tomorrow?");
    expect(short.answered).toBe(true);
    expect(short.intent).toBe(full.intent);
    expect(short.verdict).toBe(full.verdict);
    expect(ids(short)).toEqual(["brisholm-info-point"]);
  });

  it("keeps 'info' as the base's own word where a name has it, and reads it as shorthand where none does", () => {
    expect(reads(engine, "info point")).toEqual(["info", "point"]);
    expect(reads(fixtureEngine("border-crossings"), "info point")).toEqual(["information", "point"]);
    const a = ask("is the brisholm info point open?");
    expect(ids(a)).toEqual(["brisholm-info-point"]);
    expect(a.verdict).toBe("yes");
  });
});

describe("names run together or apart", () => {
  it("finds Gull Rock Pier written 'gullrock'", () => {
    expect(reads(engine, "gullrock pier")).toEqual(["gull", "rock", "pier"]);
    const a = ask("is the gullrock pier open?");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["gull-rock-pier"]);
    expect(a.verdict).toBe("yes");
  });

  it("finds Bluewake written 'blue wake'", () => {
    expect(reads(engine, "blue wake")).toEqual(["bluewake"]);
    for (const q of ["is blue wake sailing?", "is blue wake sailing to vellan?"]) {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(ids(a)).toEqual(["kelmark-vellan-ferry"]);
    }
  });

  it.each(["is the gull bay pier open?", "is the gullhaven pier open?", "is blue lagoon sailing?"])(
    "does not take '%s', which only shares a word, for a name of the base",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(false);
      expect(a.statuses).toEqual([]);
    },
  );
});

describe("state idioms", () => {
  it("reads 'open for business' and 'up and running' as open", () => {
    expect(reads(engine, "open for business")).toEqual(["open"]);
    expect(reads(engine, "is it up and running")).toEqual(["is", "it", "open"]);
  });

  it("answers 'open for business' as asking whether it is open", () => {
    const a = ask("is brisholm info point open for business?");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status");
    expect(ids(a)).toEqual(["brisholm-info-point"]);
    expect(a.verdict).toBe("yes");
  });

  it("answers 'up and running' yes of an open pier and no of a closed slipway", () => {
    expect(ask("is the gull rock pier up and running?").verdict).toBe("yes");
    const a = ask("is the harrowby slipway up and running?");
    expect(ids(a)).toEqual(["harrowby-slipway"]);
    expect(a.verdict).toBe("no");
  });

  it("does not read any 'open for …' as open", () => {
    const a = ask("is the brisholm info point open for weddings?");
    expect(a.answered).toBe(false);
    expect(a.code).toBe("not-covered");
  });
});

describe("the date of an undated article", () => {
  const explanation = /notice board dates to Monday 16 March 2026/;

  it.each([
    "what day did the quayside ledger publish its article?",
    "when did the quayside ledger publish its article?",
  ])("says the date was worked out, and how, for '%s'", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(sourceIds(a)).toEqual(["ledger-2026-03-16-kelmark"]);
    expect(a.text).toContain("16 Mar 2026");
    expect(a.text).toMatch(/worked out/);
    expect(a.text).toMatch(explanation);
  });

  it("says nothing of it when the date is not asked", () => {
    const a = ask("who published the quayside ledger article?");
    expect(sourceIds(a)).toEqual(["ledger-2026-03-16-kelmark"]);
    expect(a.text).not.toMatch(/worked out/);
    expect(a.text).not.toMatch(explanation);
  });

  it("says nothing of it for a dated article", () => {
    const a = ask("what day did the evening lantern publish its article?");
    expect(sourceIds(a)).toEqual(["lantern-2026-03-13-gale"]);
    expect(a.text).toContain("13 Mar 2026");
    expect(a.text).not.toMatch(/worked out/);
  });
});
