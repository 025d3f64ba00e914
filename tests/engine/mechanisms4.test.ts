import path from "node:path";
import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { questionDate } from "../../src/engine/language/questionDates.ts";
import { tokenize } from "../../src/engine/normalise/text.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { FIXTURE_TODAY } from "../support/fixtureBases.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

/**
 * The invented Tarn Valley base (tests/fixtures/bases/tarn-valley): two numbered roads, a channel
 * whose name holds a state word, a town evacuated twice, the town's alert level (a kind with its own
 * states), and a country the base gives no figures for.
 */
function tarnValley(): QueryEngine {
  const loaded = loadKnowledgeBase(path.join(REPO_ROOT, "tests", "fixtures", "bases", "tarn-valley"));
  if (!loaded.ok) throw new Error(`tarn-valley does not load: ${JSON.stringify(loaded.problems)}`);
  return new QueryEngine(loaded.base);
}

const engine = tarnValley();
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
const ids = (a: { statuses: { entity: { id: string } }[] }) => a.statuses.map((s) => s.entity.id);
const sourceIds = (a: { sources: { id: string }[] }) => a.sources.map((s) => s.id);
const kinds = (a: { caveats: { kind: string }[] }) => a.caveats.map((c) => c.kind);

describe("names read as people write them", () => {
  it("reads a road's number alone as the road", () => {
    const a = ask("did 417 reopen");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["route-417"]);
    expect(a.text).toMatch(/19 Mar 2026/);
  });

  it("does not read a number before a noun as a road", () => {
    const a = ask("did 417 residents leave");
    expect(ids(a)).not.toContain("route-417");
  });

  it("reads a name's initials as the name", () => {
    const a = ask("is the rpc open");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["restricted-passage-channel"]);
    expect(a.verdict).toBe("yes");
  });

  it("does not take a state word inside a name for the state asked", () => {
    const a = ask("was the restricted passage channel open on 2 march 2026?");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["restricted-passage-channel"]);
    expect(a.verdict).toBe("yes");
  });
});

describe("several changes to one state", () => {
  it("a when-question gives the latest and says there was one before", () => {
    const a = ask("when was oskby evacuated");
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/8 Mar 2026/);
    expect(a.text).toMatch(/1 Mar 2026/);
  });

  it("'in the first place' asks for the first, with its own reason only", () => {
    const a = ask("why was oskby evacuated in the first place");
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/river rose/);
    expect(a.text).not.toMatch(/dyke/);
  });

  it("'again' asks for the latest", () => {
    const a = ask("why was oskby evacuated again");
    expect(a.text).toMatch(/dyke/);
    expect(a.text).not.toMatch(/river rose/);
  });
});

describe("a state only one kind declares", () => {
  it("asked of a town, is answered by the level there that has it", () => {
    const a = ask("is oskby in a state of emergency");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["oskby-alert-level"]);
    expect(a.verdict).toBe("no");
  });
});

describe("a figure of a place", () => {
  it("is not answered by a figure of a town inside it", () => {
    const a = ask("whats the population of veldra");
    expect(a.answered).toBe(false);
  });

  it("is answered for the town itself", () => {
    const a = ask("whats the population of oskby");
    expect(a.answered).toBe(true);
    expect(a.facts.map((f) => f.id)).toEqual(["oskby-population"]);
  });
});

describe("a cause put to a yes-no question", () => {
  it("says the sources do not give it, and what they do say", () => {
    const a = ask("did route 417 close because of a storm?");
    expect(a.answered).toBe(true);
    // Said either as a cause the source does not give, or as a premise it does not support.
    expect(kinds(a).some((k) => k === "cause-not-given" || k === "premise-not-supported")).toBe(true);
    expect(a.text).not.toMatch(/^\W*yes\b/i);
    expect(a.text).toMatch(/storm/);
    expect(sourceIds(a)).toContain("courier-2026-03-02");
  });
});

describe("dates people name", () => {
  it("reads Christmas as 25 December", () => {
    expect(questionDate("did it reopen before christmas 2023", FIXTURE_TODAY, 2026)).toEqual({
      date: "2023-12-25",
      precision: "day",
    });
  });

  it("reads 24/7 as no date", () => {
    expect(questionDate("is it open 24/7 now", FIXTURE_TODAY, 2026)).toBeUndefined();
  });
});

describe("a cause no source mentions, put to a thing with no such change", () => {
  it("is answered as a premise the sources do not support, not declined", () => {
    const a = ask("was the restricted passage channel closed because of a storm?");
    expect(a.answered).toBe(true);
    expect(kinds(a)).toContain("premise-not-supported");
    expect(ids(a)).toEqual(["restricted-passage-channel"]);
  });
});

describe("names with a link word and articles", () => {
  it("reads a name of a noun, a link and words no entity has, with articles added inside", () => {
    const a = ask("are the ferries on the lakes near oskby running");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["lake-ferries"]);
  });

  it("counts a suspended service as shut when asked whether it is shut", () => {
    const a = ask("are the ferries on lakes near oskby still shut?");
    expect(ids(a)).toEqual(["lake-ferries"]);
    expect(a.verdict).toBe("yes");
  });
});

describe("the words around a thing's name", () => {
  it("reads the word after 'can I' as the verb, not as a kind's noun", () => {
    const a = ask("can i hike the fell trail");
    expect(ids(a)).toEqual(["fell-trail"]);
  });

  it("takes a word between a name and its state for the noun of another thing", () => {
    const a = ask("is the fell lodge open");
    expect(a.answered).toBe(false);
  });

  it("reads a plain-word name before a kind's noun as whose the noun's thing is", () => {
    const a = ask("are the town buses running");
    expect(ids(a)).toEqual(["oskby-buses"]);
    expect(a.verdict).toBe("no");
  });
});

describe("measures and plans in people's words", () => {
  it("splits a number run into its unit, as the name writes it apart", () => {
    expect(tokenize("the 14ft channel at 40mph")).toEqual(["the", "14", "ft", "channel", "at", "40", "mph"]);
    expect(tokenize("open at 8pm")).toEqual(["open", "at", "8pm"]);
  });

  it("reads 'supposed to' as asking what was expected, not what happened", () => {
    const a = ask("when was route 417 supposed to reopen");
    expect(a.answered).toBe(true);
    // The sources give no expectation for it: said so, then how it stands.
    expect(a.text).toMatch(/no date for when/i);
    expect(ids(a)).toEqual(["route-417"]);
  });
});
