import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { complete } from "../../src/commands/complete.ts";
import { parseUpdate } from "../../src/commands/subscriptions/parseUpdate.ts";
import type { Answer } from "../../src/engine/answer.ts";
import { statusSnapshots } from "../../src/engine/retrieve/status.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { STATES } from "../../src/knowledge/schema.ts";
import { baseStateIds, stateIds } from "../../src/knowledge/states.ts";
import { buildNotice } from "../../src/subscriptions/buildNotice.ts";
import { FIXTURE_TODAY, fixtureBase, fixtureEngine } from "../support/fixtureBases.ts";

/**
 * Kinds that declare their own states, over two invented bases: travel advisories at Level 1 to
 * Level 4 with "can I travel" and "is it safe" as their questions (tests/fixtures/bases/travel-advisories),
 * and volcanoes at Alert Level 1 to 4 with "is it safe to visit" (tests/fixtures/bases/volcano-alerts).
 */
const travel = fixtureEngine("travel-advisories");
const travelBase = fixtureBase("travel-advisories");
const volcanoes = fixtureEngine("volcano-alerts");
const volcanoBase = fixtureBase("volcano-alerts");
const askTravel = (q: string): Answer => travel.ask(q, { now: FIXTURE_TODAY });
const askVolcano = (q: string): Answer => volcanoes.ask(q, { now: FIXTURE_TODAY });
const states = (a: Answer) => a.statuses.map((s) => [s.entity.id, s.state]);

describe("a kind's own states in answers", () => {
  it("gives the status with the state's label, severity and colour", () => {
    const a = askTravel("what level is the Valdoria advisory at?");
    expect(a.intent).toBe("status");
    expect(states(a)).toEqual([["valdoria-advisory", "level-4"]]);
    expect(a.status?.look).toEqual({
      label: "Level 4: Do not travel",
      phrase: "at Level 4 (do not travel)",
      severity: 3,
      colour: "#c62828",
      emoji: ":red_circle:",
    });
    expect(a.text).toContain("at Level 4 (do not travel)");
    expect(a.sources.map((s) => s.id)).toEqual(["courier-2026-03-03"]);
    expect(a.verdict).toBeUndefined();
  });

  it("answers 'can I travel' and 'is it safe' by how the kind says each state answers them", () => {
    const cases: [string, string, string][] = [
      ["can I travel to Valdoria?", "valdoria-advisory", "no"],
      ["can I visit Estrelle?", "estrelle-advisory", "partly"],
      ["can I travel to Mirenza?", "mirenza-advisory", "yes"],
      ["is it safe to go to Mirenza?", "mirenza-advisory", "partly"],
      ["is it safe to travel to Korvania?", "korvania-advisory", "yes"],
    ];
    for (const [question, id, verdict] of cases) {
      const a = askTravel(question);
      expect(
        a.statuses.map((s) => s.entity.id),
        question,
      ).toEqual([id]);
      expect(a.verdict, question).toBe(verdict);
    }
    expect(askTravel("can I travel to Valdoria?").text).toMatch(/^No\. /);
    expect(askTravel("can I visit Estrelle?").text).toMatch(/^Only partly\. /);
  });

  it("answers a question naming one of its states yes or no", () => {
    expect(askTravel("is Valdoria at level 4?").verdict).toBe("yes");
    expect(askTravel("is the Korvania advisory at level 4?").verdict).toBe("no");
    expect(askVolcano("is Mount Tavek at alert level 2?").verdict).toBe("yes");
    expect(askVolcano("is Mount Tavek at alert level 4?").verdict).toBe("no");
  });

  it("gives no yes or no for a state its kind does not have", () => {
    const a = askTravel("is Korvania open?");
    expect(a.verdict).toBeUndefined();
    expect(states(a)).toEqual([["korvania-advisory", "level-1"]]);
    expect(a.text).not.toMatch(/^(Yes|No)\b/);
  });

  it("tells a change as raised or lowered, citing the report of that change", () => {
    const raised = askTravel("when did Valdoria go to level 4?");
    expect(raised.text).toContain("was raised to Level 4: Do not travel on 2 Mar 2026");
    expect(raised.sources.map((s) => s.id)).toContain("courier-2026-03-03");
    const why = askVolcano("why did Mount Orrin go to alert level 4?");
    expect(why.text).toContain("raised to Alert Level 4 on 9 Apr 2026");
    expect(why.text).toContain("ash column");
  });

  it("answers a point in time from the state then", () => {
    const a = askTravel("was Valdoria at level 3 in December 2025?");
    expect(a.intent).toBe("status-on-date");
    expect(a.verdict).toBe("yes");
    expect(states(a)).toEqual([["valdoria-advisory", "level-3"]]);
    const b = askVolcano("was Mount Orrin at alert level 4 on 20 April 2026?");
    expect(b.verdict).toBe("yes");
    expect(b.text).toContain("went to Alert Level 4 on 9 Apr 2026");
  });

  it("answers 'which are at level 4' with those at it, or says none is", () => {
    const a = askTravel("which advisories are at level 4?");
    expect(states(a)).toEqual([["valdoria-advisory", "level-4"]]);
    expect(a.text).toMatch(/^1 of the 4 is at Level 4: Do not travel\./);
    const none = askVolcano("which volcanoes are at alert level 4?");
    expect(none.text).toMatch(/^None of the 3 is at Alert Level 4\./);
    expect(none.statuses).toHaveLength(3);
    const one = askVolcano("which volcanoes are at level 1?");
    expect(states(one)).toEqual([["kessa-peak", "alert-1"]]);
  });
});

describe("a kind's own states beyond answers", () => {
  it("names the old and the new level in a notice", () => {
    const snapshot = statusSnapshots(travelBase, FIXTURE_TODAY).find(
      (s) => s.entityId === "valdoria-advisory",
    );
    if (!snapshot) throw new Error("no snapshot of the Valdoria advisory");
    const notice = buildNotice({
      id: "n1",
      snapshot,
      previous: { state: "level-3", key: "k", noticeId: null } as never,
      createdAt: FIXTURE_TODAY,
    });
    expect(notice.from).toBe("level-3");
    expect(notice.to).toBe("level-4");
    expect(notice.fromLook?.label).toBe("Level 3: Reconsider travel");
    expect(notice.toLook?.colour).toBe("#c62828");
    expect(notice.text).toContain("is now Level 4: Do not travel (was Level 3: Reconsider travel)");
  });

  it("reads update's state from the base's states", () => {
    const ids = baseStateIds(travelBase.topic.kinds.values());
    expect(ids).toEqual([...STATES, "level-1", "level-2", "level-3", "level-4"]);
    expect(parseUpdate("valdoria advisory level-3 Clashes ended", ids)).toEqual({
      entityText: "valdoria advisory",
      state: "level-3",
      reason: "Clashes ended",
    });
    // Without the base's states the word is not a state, and the line is not an update.
    expect(parseUpdate("valdoria advisory level-3 Clashes ended")).toBeNull();
  });

  it("suggests the states of the entity named so far, then of the base, as one types", () => {
    const query = (partial: string, entity?: string) =>
      complete(volcanoBase, {
        commandId: "update",
        argName: "state",
        partial,
        ...(entity ? { others: { entity } } : {}),
      });
    expect(query("", "mount orrin")).toEqual(["alert-1", "alert-2", "alert-3", "alert-4"]);
    expect(query("alert level 4", "Orrin")).toEqual(["alert-4"]);
    expect(query("")).toEqual([...STATES, "alert-1", "alert-2", "alert-3", "alert-4"]);
    expect(
      complete(fixtureBase("embassies"), { commandId: "update", argName: "state", partial: "s" }),
    ).toEqual(["suspended", "closed"]);
  });

  it("keeps the four states for a kind that declares none", () => {
    const embassies = fixtureBase("embassies");
    const [some] = embassies.timelines.keys();
    expect(stateIds(embassies.stateSet(some as string))).toEqual([...STATES]);
    expect(baseStateIds(embassies.topic.kinds.values())).toEqual([...STATES]);
  });

  it("refuses a state the thing's kind does not declare, naming its states", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "states-"));
    try {
      writeFileSync(
        path.join(dir, "base.yaml"),
        [
          "kinds:",
          "  - id: volcano",
          "    nouns: [volcano]",
          "    states:",
          "      - { id: alert-1 }",
          "      - { id: alert-2 }",
          "    questions:",
          "      - { id: safe, words: [safe], yes: [alert-1], no: [alert-9] }",
          "sources:",
          "  - { id: s1, publisher: P, headline: H, published: { date: '2026-01-02', precision: day } }",
          "entities:",
          "  - { id: orrin, kind: volcano, name: Orrin }",
          "timelines:",
          "  - entity: orrin",
          "    events:",
          "      - { state: open, effective: { date: '2026-01-01', precision: day }, source: s1, paragraph: 1 }",
        ].join("\n"),
      );
      const loaded = loadKnowledgeBase(dir);
      expect(loaded.ok).toBe(false);
      const messages = loaded.ok ? [] : loaded.problems.map((p) => `${p.field}: ${p.message}`);
      expect(messages).toEqual([
        'kinds[0].questions[0].no[0]: unknown state "alert-9" (the kind\'s states are alert-1, alert-2)',
        'timelines[0].events[0].state: "open" is not a state of this thing (its kind\'s states are alert-1, alert-2)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
