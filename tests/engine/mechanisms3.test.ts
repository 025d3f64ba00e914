import path from "node:path";
import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { interpret } from "../../src/engine/interpret/interpret.ts";
import { questionDate } from "../../src/engine/language/questionDates.ts";
import { tokenize } from "../../src/engine/normalise/text.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FIXTURE_TODAY } from "../support/fixtureBases.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

/**
 * The invented Osmer leisure base (tests/fixtures/bases/osmer-leisure): the pools of an invented town
 * and its neighbours, a pavilion with two tracked rooms, a towpath with two tracked sections, a trust
 * and its chancellor, and one paper's reports of a storm on 2 June 2026.
 */
function osmerLeisure(): QueryEngine {
  const loaded = loadKnowledgeBase(path.join(REPO_ROOT, "tests", "fixtures", "bases", "osmer-leisure"));
  if (!loaded.ok) throw new Error(`osmer-leisure does not load: ${JSON.stringify(loaded.problems)}`);
  return new QueryEngine(loaded.base);
}

const engine = osmerLeisure();
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
/** The engine's reading of a question into parts, before anything is answered. */
const partsOf = (q: string) => interpret(engine.index, q, FIXTURE_TODAY, 2026).parts;
const ids = (a: { statuses: { entity: { id: string } }[] }) => a.statuses.map((s) => s.entity.id);
const states = (a: { statuses: { entity: { id: string }; state: string }[] }) =>
  a.statuses.map((s) => `${s.entity.id}=${s.state}`);
const entityIds = (a: { entities: { id: string }[] }) => a.entities.map((e) => e.id);
const factIds = (a: { facts: { id: string }[] }) => a.facts.map((f) => f.id);
const sourceIds = (a: { sources: { id: string }[] }) => a.sources.map((s) => s.id);
const kinds = (a: { caveats: { kind: string }[] }) => a.caveats.map((c) => c.kind);

const STORM = "gazette-2026-06-03-storm";
const REOPENINGS = "gazette-2026-07-01-reopenings";

describe("a fact answers what a status does not cover", () => {
  it("answers how strong the winds were from the fact that names them, not from the lido's status", () => {
    const a = ask("how strong were the winds when they shut the gullhaven lido");
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(ids(a)).toEqual([]);
    expect(factIds(a)).toEqual(["lido-winds-110"]);
    expect(sourceIds(a)).toEqual([STORM]);
    expect(a.text).toContain("110 km/h");
  });

  it("declines a word no fact covers rather than giving the status", () => {
    const a = ask("how deep was the snow when they shut the gullhaven lido");
    expect(a.answered).toBe(false);
    expect(a.code).toBe("not-covered");
    expect(ids(a)).toEqual([]);
    expect(a.text).toContain("My sources don't mention snow");
  });
});

describe("a part named by a word of its own name is what is asked", () => {
  it.each([
    ["can i see the mosaic at the osmer pavilion", "mosaic-hall"],
    ["can i see the cedar at the osmer pavilion", "cedar-sauna"],
  ])("'%s' is about %s, not the pavilion", (q, part) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status");
    expect(ids(a)).toEqual([part]);
    expect(sourceIds(a)).toEqual([REOPENINGS]);
  });

  it("a question about the whole with no word of a part stays about the whole", () => {
    const a = ask("when did the osmer pavilion reopen");
    expect(a.answered).toBe(true);
    expect(states(a)).toEqual(["osmer-pavilion=open"]);
  });
});

describe("a name after 'the' gives way to a longer name starting after it", () => {
  it("'when was the pavilion flood' is about the flood, not the Pavilion", () => {
    const a = ask("when was the pavilion flood");
    expect(a.answered).toBe(true);
    expect(entityIds(a)).toEqual(["pavilion-flood"]);
    expect(ids(a)).toEqual([]);
    expect(factIds(a)).toEqual(["pavilion-flood-basement"]);
    expect(sourceIds(a)).toEqual([STORM]);
  });
});

describe("a doubled letter on the wrong letter is one slip", () => {
  it("'orrilo' (a six-letter word, one edit allowed) is corrected to Orillo", () => {
    const a = ask("is orrilo open");
    expect(a.answered).toBe(true);
    expect(a.verdict).toBe("yes");
    expect(states(a)).toEqual(["orillo-baths=open"]);
  });

  it("'oralla', two real edits from it, is not", () => {
    const a = ask("is oralla open");
    expect(a.answered).toBe(false);
    expect(ids(a)).toEqual([]);
  });
});

describe("names joined before a plural noun each take it", () => {
  it.each([
    "are the mosaic and cedar rooms open",
    "mosaic + cedar rooms open?",
    "are the mosaic & cedar rooms open",
  ])("'%s' answers both rooms", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status");
    expect(states(a).sort()).toEqual(["cedar-sauna=open", "mosaic-hall=open"]);
  });

  // Known failure: "Heron Pool" and "Wren Pool" have English words before their kind noun, so the
  // lexicon takes "heron pool" as a noun of its own, and `distribute` skips "wren and heron pools"
  // (the word before the plural is itself the start of a noun). The question is declined with
  // "My sources don't mention wren".
  it.fails("'are the wren and heron pools open' answers both pools (fails: see comment)", () => {
    const a = ask("are the wren and heron pools open");
    expect(a.answered).toBe(true);
    expect(states(a).sort()).toEqual(["heron-pool=open", "wren-pool=open"]);
  });

  it("a lone '&' or '+' between words joins them", () => {
    expect(tokenize("wren & heron")).toEqual(["wren", "and", "heron"]);
    expect(tokenize("mosaic + cedar")).toEqual(["mosaic", "and", "cedar"]);
  });
});

describe("a count of what the sources never mention is declined", () => {
  it("declines how many otters live at the lido", () => {
    const a = ask("how many otters live at the gullhaven lido");
    expect(a.answered).toBe(false);
    expect(a.code).toBe("no-facts");
    expect(a.verdict).toBeUndefined();
    expect(factIds(a)).toEqual([]);
  });

  it("says the sources give no figure for what they speak of without a number", () => {
    const a = ask("how many lifeguards were sent home from the wren pool");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("how-many");
    expect(a.verdict).toBe("not-given");
    expect(factIds(a)).toEqual(["wren-lifeguards-sent-home"]);
    expect(kinds(a)).toContain("not-given");
  });
});

describe("'June 20' is a day, not the year 2020", () => {
  it("reads a month and two digits as a day of the sources' year", () => {
    expect(questionDate("was it open on june 20", FIXTURE_TODAY, 2026)).toEqual({
      date: "2026-06-20",
      precision: "day",
    });
    // Four digits are still a year.
    expect(questionDate("was it open in june 2020", FIXTURE_TODAY, 2026)).toEqual({
      date: "2020-06",
      precision: "month",
    });
  });

  it("gives the status on that day", () => {
    const a = ask("was the wren pool open on june 20");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status-on-date");
    expect(a.verdict).toBe("no");
    expect(states(a)).toEqual(["wren-pool=closed"]);
    expect(sourceIds(a)).toEqual([STORM]);
  });
});

describe("an expectation met is not reported as overdue", () => {
  it("the Heron Pool, expected open at 08:00 on 10 June and reported open that day, is open with no expectation caveat", () => {
    const a = ask("is the heron pool open");
    expect(a.answered).toBe(true);
    expect(a.verdict).toBe("yes");
    expect(states(a)).toEqual(["heron-pool=open"]);
    expect(kinds(a)).not.toContain("expectation");
  });
});

describe("getting in, in the asker's own verb, is asked of the one thing at a place", () => {
  it("'could you drive in from fallow' gives the status of the one tracked thing in Fallow on the day", () => {
    const a = ask("could you drive in from fallow on 5 june 2026");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status-on-date");
    expect(states(a)).toEqual(["orillo-baths=closed"]);
    expect(sourceIds(a)).toEqual([STORM]);
  });

  it("a town with two tracked things is not answered about either", () => {
    const a = ask("could you drive in from wickham on 5 june 2026");
    expect(a.answered).toBe(false);
    expect(a.code).toBe("no-facts");
    expect(ids(a)).toEqual([]);
  });
});

describe("a function word by its grammar names nothing", () => {
  it("'can i get in thru the wren pool' is answered", () => {
    const a = ask("can i get in thru the wren pool");
    expect(a.answered).toBe(true);
    expect(a.code).toBe("answered");
    expect(states(a)).toEqual(["wren-pool=open"]);
    expect(a.text).not.toContain("thru");
  });
});

describe("a stretch is part of its road", () => {
  it("'the millrace towpath near tansey' is the section at Tansey", () => {
    const a = ask("was the millrace towpath near tansey open on 5 june 2026");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("status-on-date");
    expect(a.verdict).toBe("yes");
    expect(states(a)).toEqual(["towpath-tansey=open"]);
  });

  it("the towpath alone is both sections", () => {
    const a = ask("was the millrace towpath open on 5 june 2026");
    expect(a.verdict).toBe("partly");
    expect(states(a).sort()).toEqual(["towpath-ludd=closed", "towpath-tansey=open"]);
  });
});

describe("who holds a role of another body is declined", () => {
  it("declines the chancellor of a body no role names", () => {
    const a = ask("who is the chancellor of the varnland swimming union");
    expect(a.answered).toBe(false);
    expect(a.code).toBe("no-facts");
    expect(a.text).not.toContain("Ada Fenwick");
  });

  it.each(["who is the chancellor of the osmer leisure trust", "who is the head of the osmer leisure trust"])(
    "'%s' is Ada Fenwick",
    (q) => {
      const a = ask(q);
      expect(a.answered).toBe(true);
      expect(a.intent).toBe("who");
      expect(a.text).toContain("Ada Fenwick");
    },
  );
});

describe("a letter and its number are one designation", () => {
  it("tokenizes 'I-40' as one word, not the pronoun", () => {
    expect(tokenize("is I-40 open")).toEqual(["is", "i40", "open"]);
  });

  it("declines a road the base does not have", () => {
    const a = ask("is i-40 open near osmer");
    expect(a.answered).toBe(false);
    expect(ids(a)).toEqual([]);
  });
});

describe("the noun of a yes-no question's subject is a name whatever its tag", () => {
  it("declines 'is osmer elementary open', a school the base does not have", () => {
    const a = ask("is osmer elementary open");
    expect(a.answered).toBe(false);
    expect(ids(a)).toEqual([]);
    expect(partsOf("is osmer elementary open")[0]?.targets.map((t) => t.id)).toEqual([]);
  });
});

describe("a report about one tracked thing in words that do not name it says which thing it is about", () => {
  it("leads the learner pool's heating report with 'About the Heron Pool:'", () => {
    const a = ask("when was the new heating system fitted");
    expect(a.answered).toBe(true);
    expect(factIds(a)).toEqual(["learner-pool-heating"]);
    expect(sourceIds(a)).toEqual([REOPENINGS]);
    expect(a.text).toContain("About the Heron Pool:");
  });
});
