import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { currentStatus } from "../../src/engine/retrieve/status.ts";
import { FIXTURE_TODAY, fixtureBase } from "../support/fixtureBases.ts";

const base = fixtureBase("border-crossings");
const engine = new QueryEngine(base);
const ask = (q: string) => engine.ask(q, { now: FIXTURE_TODAY });
const ids = (a: { statuses: { entity: { id: string } }[] }) => a.statuses.map((s) => s.entity.id);
const factIds = (a: { facts: { id: string }[] }) => a.facts.map((f) => f.id);

describe("the border-crossings base as loaded", () => {
  it("declares its three kinds and a scope line about the Pyrenees crossings", () => {
    expect([...base.topic.kinds.keys()].sort()).toEqual(["border-crossing", "rail-link", "truck-lane"]);
    expect(base.topic.kinds.get("border-crossing")?.nouns).toContain("checkpoint");
    expect(base.topic.info.scope).toMatch(/Pyrenees/);
    expect(base.topic.info.stateWords.closed).toContain("blocked");
  });

  it("puts the heavy-goods lane inside the Le Perthus crossing and in La Jonquera, Spain", () => {
    expect(base.relations.get("la-jonquera-truck-lane")).toEqual({
      location: "la-jonquera",
      partOf: "le-perthus-crossing",
    });
    expect(base.placesOf("la-jonquera-truck-lane")).toEqual(["la-jonquera", "spain"]);
  });

  it("gives the Somport tunnel and the rail line their operators as owners", () => {
    expect(base.relations.get("somport-tunnel")?.owner).toBe("pyrenean-crossings-consortium");
    expect(base.relations.get("perpignan-figueres-line")?.owner).toBe("albera-rail");
  });

  it("keeps the Somport tunnel closed after its expected reopening date, as of the 19 January report", () => {
    const status = currentStatus(base, "somport-tunnel", FIXTURE_TODAY);
    expect(status?.state).toBe("closed");
    expect(status?.since.date).toBe("2026-01-13");
    expect(status?.asOf.date).toBe("2026-01-19");
    expect(status?.source.id).toBe("ilw-2026-01-19-le-perthus-reopens");
    expect(status?.changeSource?.id).toBe("ptr-2026-01-14-storm-candela");
    expect(status?.reason).toMatch(/avalanche on Friday 16 January/);
  });
});

describe("status questions on the border crossings", () => {
  it("answers the Le Perthus crossing open since 17 January, as of 19 January, and stale", () => {
    const a = ask("Is the Le Perthus border crossing open?");
    expect(a.intent).toBe("status");
    expect(ids(a)).toEqual(["le-perthus-crossing"]);
    expect(a.status?.state).toBe("open");
    expect(a.status?.since.date).toBe("2026-01-17");
    expect(a.status?.asOf.date).toBe("2026-01-19");
    expect(a.status?.stale).toBe(true);
    expect(a.text).toMatch(/10 months old/);
  });

  it("answers the Somport tunnel closed whatever the spelling", () => {
    for (const q of ["somport tunnel open yet?", "is the somprt tunel open"]) {
      const a = ask(q);
      expect(ids(a)).toEqual(["somport-tunnel"]);
      expect(a.status?.state).toBe("closed");
    }
  });

  it("does not report the expected reopening as a reopening when asked when the tunnel will reopen", () => {
    const a = ask("when will the somport tunnel reopen?");
    expect(a.status?.state).toBe("closed");
    expect(a.text).not.toMatch(/reopened on 26/);
  });

  it("answers the rail line limited on 16 January, between its suspension and its full timetable", () => {
    const a = ask("What was the status of the Perpignan-Figueres line on 16 Jan 2026?");
    expect(a.intent).toBe("status-on-date");
    expect(ids(a)).toEqual(["perpignan-figueres-line"]);
    expect(a.status?.state).toBe("limited");
    expect(a.status?.since.date).toBe("2026-01-15");
  });

  it("answers the Somport tunnel closed on 22 January from the last report before it", () => {
    const a = ask("was the somport tunnel closed on 22 january 2026");
    expect(a.intent).toBe("status-on-date");
    expect(a.status?.state).toBe("closed");
  });

  it("gives 17 January as the day the Le Perthus crossing fully reopened", () => {
    const a = ask("when did the le perthus crossing fully reopen?");
    expect(a.intent).toBe("status-change");
    expect(a.text).toContain("17 Jan 2026");
  });

  it("gives the jack-knifed lorries as the reason the Le Perthus crossing closed", () => {
    const a = ask("why did they close the le perthus border");
    expect(a.intent).toBe("why");
    expect(ids(a)).toEqual(["le-perthus-crossing"]);
    expect(a.text).toMatch(/jack-knifed lorries/);
  });
});

describe("fact questions on the border crossings", () => {
  it("gives the peak of the lorry queue from its fact", () => {
    const a = ask("how many lorries were stuck in the queue at the peak?");
    expect(a.intent).toBe("how-many");
    expect(factIds(a)).toEqual(["lorry-queue-peak-7200"]);
  });

  it("names the Pyrenean Crossings Consortium as running the Somport tunnel", () => {
    const a = ask("who runs the somport tunnel");
    expect(a.intent).toBe("who");
    expect(a.text).toMatch(/Pyrenean Crossings Consortium/);
  });

  it("answers the Puigcerdà crossing from the fact that it stayed open", () => {
    const a = ask("is the puigcerdà crossing open?");
    expect(a.answered).toBe(true);
    expect(factIds(a)).toEqual(["puigcerda-crossing-stayed-open"]);
  });

  it("gives the ice on the overhead wire as the reason trains stopped", () => {
    const a = ask("why were the trains on the perpignan figueres line stopped");
    expect(a.intent).toBe("why");
    expect(a.status?.entity.id).toBe("perpignan-figueres-line");
    expect(a.text).toMatch(/overhead wire/);
  });
});

describe("questions the border-crossings base does not cover", () => {
  it.each([
    "is the bielsa tunnel closed",
    "is the mont blanc tunnel open?",
    "has the col du pourtalet reopened after the snow?",
    "what's the population of perpignan",
    "how do you fit snow chains",
    "will it snow in canfranc tomorrow?",
  ])("declines '%s'", (q) => {
    const a = ask(q);
    expect(a.answered).toBe(false);
    expect(a.statuses).toEqual([]);
  });
});
