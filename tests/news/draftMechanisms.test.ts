import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sameAtPrecision } from "../../bench/draft.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { readArticle } from "../../src/news/article.ts";
import { BaseReader, type DraftChange, draftArticle } from "../../src/news/draft.ts";

// An invented island with one ferry and one bridge; the articles below are written for these tests.
const BASE_FILES: Record<string, string> = {
  "base.yaml": `base:
  scope: "I answer questions about the ferry and the bridge of an invented island."
  examples: ["is the Tarn ferry running?"]
  stateWords:
    suspended: [grounded]
kinds:
  - id: ferry
    nouns: ["ferry", "ferry link", "ferry service"]
    description: "A ferry service."
  - id: bridge
    nouns: ["bridge", "swing bridge"]
    description: "A road bridge."
`,
  "entities.yaml": `entities:
  - id: orla
    kind: country
    name: "Orla"
    aliases: ["Orla"]
    demonyms: ["Orlan"]
    description: "An invented island."
  - id: tarn-ferry
    kind: ferry
    name: "Tarn ferry"
    aliases: ["Tarn ferry"]
    description: "The ferry from Tarn."
  - id: vell-bridge
    kind: bridge
    name: "Vell bridge"
    aliases: ["Vell bridge", "Orlan bridge"]
    location: orla
    description: "The bridge at Vell."
`,
};

const dir = mkdtempSync(path.join(tmpdir(), "briefbot-draft-mechanisms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const [name, text] of Object.entries(BASE_FILES)) writeFileSync(path.join(dir, name), text);
const loaded = loadKnowledgeBase(dir);
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("; "));
const reader = new BaseReader(loaded.base);

/** A first paragraph about nothing the base tracks: the article's body begins with it, and has the words a body needs. */
const FILLER =
  "Islanders gathered in the market square to talk about the weather, the price of fish and the spring festival, which draws visitors from the mainland every year and fills the guest houses along the harbour front for a week of music, food and boat races.";

/** Drafts an article of these paragraphs, published on a Wednesday (4 March 2026) unless told. */
function draft(paragraphs: string[], dateline = "Vell, Wednesday 4 March 2026") {
  const text = [
    "Orla Harbour News",
    "A headline about the island",
    "By Ines Maro",
    dateline,
    FILLER,
    ...paragraphs,
  ].join("\n\n");
  const article = readArticle(Buffer.from(text), { name: "article.txt" });
  const result = draftArticle(article, reader);
  for (const item of [...result.changes, ...result.facts])
    expect(article.paragraphs.find((p) => p.n === item.paragraph)?.text).toContain(item.sentence);
  return result.changes;
}

const brief = (changes: DraftChange[]) =>
  changes.map((c) => `${c.entity} ${c.type} ${c.state} ${c.effective.date}`).sort();

describe("when a change is dated by a weekday, 'since', 'last week' or a time alone", () => {
  it("puts a weekday in a report on the last such day on or before the article", () => {
    expect(brief(draft(["The Tarn ferry was suspended on Friday."]))).toEqual([
      "tarn-ferry change suspended 2026-02-27",
    ]);
  });

  it("reads 'has been closed since Monday' as a closure on that Monday", () => {
    expect(brief(draft(["The Vell bridge has been closed since Monday."]))).toEqual([
      "vell-bridge change closed 2026-03-02",
    ]);
  });

  it("puts a weekday in a forecast on the next such day, as expected", () => {
    expect(brief(draft(["The Tarn ferry is expected to resume on Friday."]))).toEqual([
      "tarn-ferry expected open 2026-03-06",
    ]);
  });

  it("gives 'last week' as the month it lies in, not as a day", () => {
    const [change] = draft(["The Vell bridge reopened last week."], "Vell, Wednesday 18 March 2026");
    expect(change?.effective).toEqual({ date: "2026-03", precision: "month" });
  });

  it("dates a time of day alone, and a sentence with no date, by the day the paragraph has reached", () => {
    expect(
      brief(
        draft([
          "The Tarn ferry was grounded on Monday. The Vell bridge closed at 14:00. It reopened in the evening.",
        ]),
      ),
    ).toEqual([
      "tarn-ferry change suspended 2026-03-02",
      "vell-bridge change closed 2026-03-02",
      "vell-bridge change open 2026-03-02",
    ]);
  });

  it("gives a thing that 'followed an hour later' the change before it, on that day", () => {
    expect(
      brief(draft(["The Tarn ferry was suspended on Monday, and the Vell bridge followed an hour later."])),
    ).toEqual(["tarn-ferry change suspended 2026-03-02", "vell-bridge change suspended 2026-03-02"]);
  });
});

describe("when the wording says a state holds, is forecast, is denied or only restated", () => {
  it("drafts 'remains closed' and 'remained open' as still, on the article's day when undated", () => {
    expect(brief(draft(["The Vell bridge remains closed."]))).toEqual([
      "vell-bridge still closed 2026-03-04",
    ]);
    expect(brief(draft(["The Tarn ferry remained open on Monday."]))).toEqual([
      "tarn-ferry still open 2026-03-02",
    ]);
  });

  it("drafts 'will stay open' as a forecast, and nothing when the forecast has no date", () => {
    expect(draft(["The Tarn ferry will stay open."])).toEqual([]);
  });

  it("does not take the day a state is to last until for the day it began", () => {
    expect(draft(["The Tarn ferry will remain suspended until Friday."])).toEqual([]);
    expect(brief(draft(["The Vell bridge closed on Monday and will stay shut until Friday."]))).toEqual([
      "vell-bridge change closed 2026-03-02",
    ]);
  });

  it("reads 'should', 'is to' and 'would' as forecasts, and 'would' on a day come as the change", () => {
    expect(brief(draft(["The Vell bridge should reopen on Friday."]))).toEqual([
      "vell-bridge expected open 2026-03-06",
    ]);
    expect(brief(draft(["The Tarn ferry is to resume on Friday."]))).toEqual([
      "tarn-ferry expected open 2026-03-06",
    ]);
    expect(
      brief(draft(["Officials announced on Wednesday that they would be closing the Vell bridge."])),
    ).toEqual(["vell-bridge change closed 2026-03-04"]);
  });

  it("takes 'before Friday' as a bound, not as the day of the state beside it", () => {
    expect(
      brief(
        draft(["The Vell bridge remains closed to all traffic and is not expected to reopen before Friday."]),
      ),
    ).toEqual(["vell-bridge still closed 2026-03-04"]);
  });

  it("drafts nothing from a perfect with no date, a state word made a noun, or a denial", () => {
    expect(draft(["The Tarn ferry has been suspended."])).toEqual([]);
    expect(draft(["Officials named the Vell bridge but gave no date for its reopening."])).toEqual([]);
    expect(draft(["The Vell bridge did not reopen on Monday."])).toEqual([]);
  });

  it("drafts nothing from a speaker's undated words, but a quoted change with its date", () => {
    expect(draft(['"We had no choice but to close the Vell bridge," said Ines Maro.'])).toEqual([]);
    expect(
      brief(draft(['"We expect to reopen the Vell bridge on Friday, 6 March," said Ines Maro.'])),
    ).toEqual(["vell-bridge expected open 2026-03-06"]);
  });

  it("drafts a change once when the article says it again as an undated still", () => {
    expect(brief(draft(["The Vell bridge was shut on Monday and has stayed closed."]))).toEqual([
      "vell-bridge change closed 2026-03-02",
    ]);
  });
});

describe("when a sentence names its thing indirectly", () => {
  it("reads a relative clause as about the thing just before it", () => {
    expect(brief(draft(["Passengers crowded onto the Tarn ferry, which resumed on Tuesday."]))).toEqual([
      "tarn-ferry change open 2026-03-03",
    ]);
  });

  it("gives a clause that opens on its verb the subject of the clause before", () => {
    expect(
      brief(
        draft([
          "The Tarn ferry restarted a reduced service on Monday, and returned to its full timetable on Tuesday.",
        ]),
      ),
    ).toEqual(["tarn-ferry change limited 2026-03-02", "tarn-ferry change open 2026-03-03"]);
  });

  it("gives a state to every thing of a list, with or without their articles", () => {
    expect(brief(draft(["Both the Vell bridge and the Tarn ferry closed on Monday."]))).toEqual([
      "tarn-ferry change closed 2026-03-02",
      "vell-bridge change closed 2026-03-02",
    ]);
  });

  it("takes the date after a state word before one as near before it", () => {
    expect(brief(draft(["The Vell bridge, closed since Monday, reopened on Tuesday."]))).toEqual([
      "vell-bridge change closed 2026-03-02",
      "vell-bridge change open 2026-03-03",
    ]);
  });

  it("reads a state noun inside a noun phrase as no report ('after a two-day closure')", () => {
    expect(brief(draft(["The Vell bridge reopened on Tuesday after a two-day closure."]))).toEqual([
      "vell-bridge change open 2026-03-03",
    ]);
  });

  it("reads 'stopped running' and 'is running again' in the schema's states", () => {
    expect(
      brief(draft(["The Tarn ferry stopped running on Monday. It was running again on Tuesday."])),
    ).toEqual(["tarn-ferry change open 2026-03-03", "tarn-ferry change suspended 2026-03-02"]);
  });

  it("takes a kind noun for the thing of that kind last named, but not where it only says where another thing is", () => {
    expect(brief(draft(["The Vell bridge was busy on Monday. The bridge closed on Tuesday."]))).toEqual([
      "vell-bridge change closed 2026-03-03",
    ]);
    expect(draft(["The cafe at the bridge closed on Tuesday."])).toEqual([]);
  });

  it("takes no capitalised first word of a sentence for a new thing's name ('All ferry services')", () => {
    expect(draft(["All ferry services were suspended on Monday."])).toEqual([]);
  });

  it("does not take a people's name for the thing it prefixes ('Orlan bridge' is not 'Orlan')", () => {
    expect(draft(["On the Orlan side, the harbour road was shut on Monday."])).toEqual([]);
  });
});

describe("the bench's matching of a drafted date with a curated one", () => {
  it("compares at the curated precision, never at a coarser drafted one", () => {
    expect(
      sameAtPrecision(
        { date: "2025-02-10T05:00", precision: "minute" },
        { date: "2025-02-10", precision: "day" },
      ),
    ).toBe(true);
    expect(
      sameAtPrecision({ date: "2025-02", precision: "month" }, { date: "2025-02-10", precision: "day" }),
    ).toBe(false);
    expect(
      sameAtPrecision({ date: "2025-02-11", precision: "day" }, { date: "2025-02-10", precision: "day" }),
    ).toBe(false);
  });

  it("matches an hour however the schema writes it, and any day of a curated range", () => {
    expect(
      sameAtPrecision(
        { date: "2025-02-10T19:50", precision: "minute" },
        { date: "2025-02-10T19:00", precision: "hour" },
      ),
    ).toBe(true);
    expect(
      sameAtPrecision(
        { date: "2025-02-10T19:50", precision: "minute" },
        { date: "2025-02-10T19", precision: "hour" },
      ),
    ).toBe(true);
    expect(
      sameAtPrecision(
        { date: "2025-05-12", precision: "day" },
        { date: "2025-05-10", precision: "day", until: "2025-05-14" },
      ),
    ).toBe(true);
  });
});
