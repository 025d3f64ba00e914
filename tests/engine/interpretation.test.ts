import { describe, expect, it } from "vitest";
import { interpret, splitParts } from "../../src/engine/interpret/interpret.ts";
import { FIXTURE_TODAY, fixtureEngine } from "../support/fixtureBases.ts";

const embassies = fixtureEngine("embassies");
const crossings = fixtureEngine("border-crossings");
const askEmbassies = (q: string, subject?: string[]) =>
  embassies.ask(q, { now: FIXTURE_TODAY, ...(subject ? { subject: { entityIds: subject } } : {}) });
const askCrossings = (q: string) => crossings.ask(q, { now: FIXTURE_TODAY });
const ids = (a: { statuses: { entity: { id: string } }[] }) => a.statuses.map((s) => s.entity.id);
const kinds = (a: { caveats: { kind: string }[] }) => a.caveats.map((c) => c.kind);

describe("a question is read into parts", () => {
  it("splits a compound question at 'and' or a comma before a second question, not inside a list", () => {
    expect(splitParts("is it open, and why did it close")).toEqual(["is it open", "why did it close"]);
    expect(splitParts("when did it reopen and when did it close again")).toHaveLength(2);
    expect(splitParts("are the swedish and german embassies open")).toHaveLength(1);
    expect(splitParts("per the paper, when did it reopen")).toHaveLength(1);
    expect(splitParts("is somport still closed & when is it reopening?")).toHaveLength(2);
  });

  it("gives each part its own intent, and carries the subject into a part that says 'it'", () => {
    const { parts } = interpret(
      embassies.index,
      "is the japanese embassy open and why did it close",
      FIXTURE_TODAY,
      2026,
    );
    expect(parts.map((p) => p.intent)).toEqual(["status", "why"]);
    expect(parts.map((p) => p.targets.map((e) => e.id))).toEqual([
      ["japan-embassy-tallinn"],
      ["japan-embassy-tallinn"],
    ]);
    expect(parts[1]?.subjectFrom).toBe("earlier-part");
  });

  it("answers every part in order, the verdict first", () => {
    const a = askEmbassies("is the japanese embassy open, and why did it close?");
    expect(a.verdict).toBe("no");
    expect(ids(a)).toEqual(["japan-embassy-tallinn"]);
    expect(a.text).toMatch(/^No\./);
    expect(a.intent).toBe("status");
  });

  it("names a part it cannot answer instead of dropping it", () => {
    const a = askEmbassies("is the german embassy open? and what is the price of bitcoin?");
    expect(a.answered).toBe(true);
    expect(ids(a)).toEqual(["germany-embassy-tallinn"]);
    expect(kinds(a)).toContain("uncovered-part");
  });
});

describe("subjects: named, composed, assumed, carried", () => {
  it("a noun that fits several things assumes the primary one and names the others", () => {
    const a = askEmbassies("is the embassy in tallinn open?");
    expect(ids(a)).toEqual(["finland-embassy-tallinn"]);
    const assumed = a.caveats.find((c) => c.kind === "assumed");
    expect(assumed?.assumed?.id).toBe("finland-embassy-tallinn");
    expect(assumed?.alternatives?.map((e) => e.id).sort()).toEqual([
      "germany-embassy-tallinn",
      "japan-embassy-tallinn",
      "sweden-embassy-tallinn",
    ]);
  });

  it("a plural noun answers for every thing of its kind", () => {
    const a = askEmbassies("are the embassies open?");
    expect(ids(a).sort()).toEqual([
      "finland-embassy-tallinn",
      "germany-embassy-tallinn",
      "japan-embassy-tallinn",
      "sweden-embassy-tallinn",
    ]);
    expect(a.verdict).toBe("partly");
  });

  it("an owner or place the base lacks is declined, even when it is a real one", () => {
    for (const q of [
      "is the estonian embassy in tallinn open",
      "is the finnish embassy in riga open",
      "is the polish mission open",
    ]) {
      const a = askEmbassies(q);
      expect(a.answered, q).toBe(false);
      expect(a.code, q).toBe("unknown-entity");
    }
  });

  it("a follow-up that names nothing is about what the conversation was about, and says so", () => {
    const a = askEmbassies("why did it close", ["sweden-embassy-tallinn"]);
    expect(ids(a)).toEqual(["sweden-embassy-tallinn"]);
    expect(a.intent).toBe("why");
    const named = askEmbassies("is the german embassy open", ["sweden-embassy-tallinn"]);
    expect(ids(named)).toEqual(["germany-embassy-tallinn"]);
  });

  it("a declared noun of the kind finds it: 'mission', 'emb'", () => {
    expect(ids(askEmbassies("is the german mission open"))).toEqual(["germany-embassy-tallinn"]);
    expect(ids(askEmbassies("swedish emb tallinn open?"))).toEqual(["sweden-embassy-tallinn"]);
  });
});

describe("what the curator says about time", () => {
  it("a 'still' report moves the as-of date and the reason, not the date it began", () => {
    const a = askCrossings("is the somport tunnel open?");
    expect(a.status?.entity.id).toBe("somport-tunnel");
    expect(a.status?.state).toBe("closed");
    expect(a.status?.since).toEqual({ date: "2026-01-13", precision: "day" });
    expect(a.status?.asOf).toEqual({ date: "2026-01-19", precision: "day" });
  });

  it("an expected reopening is said as an expectation with its source, never as what happened", () => {
    const a = askCrossings("when will the somport tunnel reopen?");
    expect(a.answered).toBe(true);
    expect(kinds(a)).toContain("expectation");
    expect(a.text).toMatch(/26 Jan 2026/);
    expect(a.text).toMatch(/expectation, not a report/);
    expect(a.status?.state).toBe("closed");
  });
});

describe("how long a state lasted", () => {
  it("measures from the change into the state to the next change", () => {
    const a = askCrossings("how long was the le perthus crossing closed?");
    expect(a.intent).toBe("status-change");
    expect(a.status?.entity.id).toBe("le-perthus-crossing");
    expect(a.text).toMatch(/closed for about 1 day/);
  });
});

describe("polarity", () => {
  it("a negated question gets the state, not a yes or no that reads either way", () => {
    const plain = askEmbassies("is the japanese embassy open?");
    const negated = askEmbassies("isn't the japanese embassy open?");
    expect(plain.verdict).toBe("no");
    expect(negated.verdict).toBeUndefined();
    expect(negated.status?.state).toBe("closed");
    expect(negated.text).not.toMatch(/^(Yes|No)\b/);
  });
});

describe("premises and confidence", () => {
  it("a cause the sources do not give is said not to be supported, with what they do say", () => {
    const a = askCrossings("why did the customs strike close the somport tunnel?");
    expect(a.intent).toBe("why");
    expect(kinds(a)).toContain("cause-not-given");
  });

  it("a state on a date the timeline contradicts is said not to be supported", () => {
    const a = askEmbassies("why did the german embassy stay closed until 5 march 2026?");
    expect(kinds(a)).toContain("premise-not-supported");
  });

  it("a spelling correction or an unplaced word lowers confidence; a clean question is surest", () => {
    const clean = askEmbassies("is the german embassy open");
    const slip = askEmbassies("is the german embasy opn");
    expect(slip.answered).toBe(true);
    expect(slip.confidence).toBeLessThan(clean.confidence);
    expect(clean.confidence).toBeGreaterThan(0.9);
  });
});
