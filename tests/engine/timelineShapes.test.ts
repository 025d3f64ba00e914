import { describe, expect, it } from "vitest";
import { renderReply as renderDiscord } from "../../adapters/discord/render.ts";
import { renderNotice as renderDiscordNotice } from "../../adapters/discord/renderNotice.ts";
import { renderNotice as renderSlackNotice } from "../../adapters/slack/renderNotice.ts";
import { renderReply as renderSlack } from "../../adapters/slack/renderReply.ts";
import type { Answer } from "../../src/engine/answer.ts";
import { statusesOf } from "../../src/engine/engine.ts";
import { statusSnapshots } from "../../src/engine/retrieve/status.ts";
import { buildNotice } from "../../src/subscriptions/buildNotice.ts";
import { fixtureBase, fixtureEngine } from "../support/fixtureBases.ts";

/**
 * Every shape of timeline a curator writes answers, over the invented Valdremo lifts
 * (tests/fixtures/bases/mountain-lifts): a `still` report alone, an `expected` entry first or alone,
 * several changes on one day, a change reported once and later said to hold, and entries whose
 * source gives no cause. Each answer credits the report of the change it states.
 */
const engine = fixtureEngine("mountain-lifts");
const base = fixtureBase("mountain-lifts");
/** A few days after the last report: nothing is stale but the January one. */
const NOW = new Date("2026-03-10T12:00:00Z");
const ask = (q: string): Answer => engine.ask(q, { now: NOW });
const kinds = (a: Answer) => a.caveats.map((c) => c.kind);
const sourceIds = (a: Answer) => a.sources.map((s) => s.id);
const statusOf = (a: Answer, id: string) => a.statuses.find((s) => s.entity.id === id);
/** Text that betrays a missing reason: "undefined", an empty parenthesis, a colon before nothing. */
const BROKEN = /undefined|\(\s*\)|:\s*\.|: $/;

describe("a timeline with only a `still` report (status known from a date, start unknown)", () => {
  it("answers ask, with the state as of the report and no start claimed", () => {
    const a = ask("is the Corvo gondola running?");
    expect(a.answered).toBe(true);
    expect(a.verdict).toBe("no");
    expect(a.status).toMatchObject({ state: "suspended", startUnknown: true });
    expect(a.status?.since.date).toBe("2026-03-01");
    expect(a.status?.changeSource).toBeUndefined();
    expect(sourceIds(a)).toEqual(["bulletin-2026-03-01"]);
  });

  it("answers when and why from the report, saying it does not give the start", () => {
    const a = ask("why is the corvo gondola suspended?");
    expect(a.answered).toBe(true);
    expect(kinds(a)).not.toContain("no-cause");
    expect(a.text).toMatch(/does not say since when/);
    expect(a.text).not.toMatch(/became suspended/);
    expect(sourceIds(a)).toEqual(["bulletin-2026-03-01"]);
  });

  it("is in `status` and in the several-things answers", () => {
    for (const a of [
      statusesOf(engine, NOW),
      ask("which lifts are closed?"),
      ask("are the lifts running?"),
    ]) {
      expect(a.answered).toBe(true);
      expect(statusOf(a, "corvo-gondola")).toMatchObject({ state: "suspended", startUnknown: true });
      expect(sourceIds(a)).toContain("bulletin-2026-03-01");
    }
  });
});

describe("a change reported by one source and said to hold by a later one (wrong source credited)", () => {
  it("credits the reopening to the report of it, and the 'as of' to the later report", () => {
    const a = ask("is the brenta chairlift open?");
    expect(a.verdict).toBe("yes");
    expect(a.status?.source.id).toBe("bulletin-2026-03-01");
    expect(a.status?.changeSource?.id).toBe("courier-2026-02-11");
    expect(sourceIds(a)).toEqual(["bulletin-2026-03-01", "courier-2026-02-11"]);
    // The date of the reopening stands beside the paper that reported it.
    expect(a.text).toMatch(/since 10 Feb 2026, per Alpine Courier/);
    expect(a.text).not.toMatch(/since 10 Feb 2026\)?, per Slope Bulletin/);
  });

  it("answers when it reopened from the report of the reopening", () => {
    const a = ask("when did the brenta chairlift reopen?");
    expect(a.answered).toBe(true);
    expect(sourceIds(a)[0]).toBe("courier-2026-02-11");
    expect(a.text).toMatch(/reopened on 10 Feb 2026, per Alpine Courier/);
  });

  it("keeps the cause of the change when the later report gives none", () => {
    expect(ask("is the brenta chairlift open?").status?.reason).toMatch(/dug out/);
  });

  it("credits each in `status` and in the several-things answers", () => {
    for (const a of [statusesOf(engine, NOW), ask("which lifts are open?")]) {
      expect(statusOf(a, "brenta-chairlift")?.changeSource?.id).toBe("courier-2026-02-11");
      expect(sourceIds(a)).toEqual(expect.arrayContaining(["courier-2026-02-11", "bulletin-2026-03-01"]));
      expect(a.text).toMatch(/since 10 Feb 2026, per Alpine Courier/);
    }
  });

  it("announces the change with the source that reported it", () => {
    const snapshot = statusSnapshots(base, NOW).find((s) => s.entityId === "brenta-chairlift");
    if (!snapshot) throw new Error("no snapshot");
    const notice = buildNotice({ id: "n1", snapshot, previous: undefined, createdAt: NOW });
    expect(notice.source.id).toBe("courier-2026-02-11");
    expect(notice.text).toMatch(/Source: Alpine Courier/);
  });
});

describe("several changes on one day", () => {
  it("answers ask with the last of them, in file order", () => {
    const a = ask("is the fenna funicular open?");
    expect(a.verdict).toBe("no");
    expect(a.status?.state).toBe("closed");
    expect(a.status?.since.date).toBe("2026-03-05");
    expect(sourceIds(a)).toEqual(["herald-2026-03-06"]);
  });

  it("tells the day's changes in order, each after the one before", () => {
    const a = ask("was the fenna funicular open on 5 March 2026?");
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/closed on 5 Mar 2026.*reopened on 5 Mar 2026.*closed on 5 Mar 2026/);
    // The reopening follows the morning's closure: it is not a first report of it open.
    expect(a.text).not.toMatch(/first reported open/);
    expect(sourceIds(a)).toEqual(["herald-2026-03-06"]);
  });

  it("is in `status` and the several-things answers with its last state", () => {
    for (const a of [statusesOf(engine, NOW), ask("which lifts are closed?")])
      expect(statusOf(a, "fenna-funicular")).toMatchObject({
        state: "closed",
        source: { id: "herald-2026-03-06" },
      });
  });
});

describe("an `expected` entry first", () => {
  it("answers from the change that followed, citing its report, not the expectation's", () => {
    const a = ask("is the isola cable car open?");
    expect(a.verdict).toBe("yes");
    expect(a.status).toMatchObject({ state: "open", since: { date: "2026-01-21" } });
    expect(sourceIds(a)).toEqual(["courier-2026-01-22"]);
    const when = ask("when did the isola cable car open?");
    expect(when.answered).toBe(true);
    expect(sourceIds(when)[0]).toBe("courier-2026-01-22");
    expect(kinds(when)).not.toContain("expectation");
  });

  it("is in `status` and the several-things answers", () => {
    for (const a of [statusesOf(engine, NOW), ask("which lifts are open?")])
      expect(statusOf(a, "isola-cable-car")).toMatchObject({
        state: "open",
        source: { id: "courier-2026-01-22" },
      });
  });

  it("with nothing after it, answers with the expectation and no yes or no", () => {
    for (const q of ["is the lauro drag lift open?", "when will the lauro drag lift open?"]) {
      const a = ask(q);
      expect(a.answered, q).toBe(true);
      expect(a.statuses, q).toEqual([]);
      expect(
        a.entities.map((e) => e.id),
        q,
      ).toEqual(["lauro-drag-lift"]);
      expect(kinds(a), q).toContain("expectation");
      expect(sourceIds(a), q).toEqual(["bulletin-2026-02-20"]);
      expect(a.text, q).not.toMatch(BROKEN);
    }
    expect(ask("is the lauro drag lift open?").verdict).toBe("unknown");
  });
});

describe("no cause given", () => {
  it("a why-question says the source gives no cause, and offers nothing as one", () => {
    const a = ask("why did the fenna funicular close?");
    expect(a.answered).toBe(true);
    expect(a.intent).toBe("why");
    expect(kinds(a)).toContain("no-cause");
    expect(a.caveats.find((c) => c.kind === "no-cause")?.text).toMatch(/Valdremo Herald gives no cause/);
    expect(a.text).not.toMatch(BROKEN);
    // The morning's closure had a cause; the evening's, the one asked about, has none.
    expect(a.text).not.toMatch(/ice on the cable/i);
    expect(sourceIds(a)).toEqual(["herald-2026-03-06"]);
  });

  it("a why-question whose change has a cause gets it, with no such caveat", () => {
    const a = ask("why did the brenta chairlift close?");
    expect(kinds(a)).not.toContain("no-cause");
    expect(a.text).toMatch(/snow slide/i);
  });

  it("a cause put forward is not supported, and the missing cause is said", () => {
    const a = ask("did the fenna funicular close because of the wind?");
    expect(a.text).not.toMatch(BROKEN);
    expect(kinds(a)).toEqual(["cause-not-given", "no-cause"]);
  });

  it("status and when answers without a reason read as plain sentences", () => {
    const cases: [string, RegExp][] = [
      [
        "is the sella t-bar open?",
        /^Only partly\. The Sella T-bar is operating on a limited basis as of 6 Mar 2026 \(since 5 Mar 2026\), per Valdremo Herald\.$/,
      ],
      ["when did the fenna funicular close?", /closed on 5 Mar 2026, per Valdremo Herald\./],
      ["why is the sella t-bar limited?", /gives no cause/],
    ];
    for (const [q, text] of cases) {
      const a = ask(q);
      expect(a.answered, q).toBe(true);
      expect(a.text, q).toMatch(text);
      expect(a.text, q).not.toMatch(BROKEN);
      expect(a.status?.reason, q).toBeUndefined();
    }
  });

  it("renders on Slack and Discord with no missing reason showing", () => {
    for (const q of [
      "is the sella t-bar open?",
      "why did the fenna funicular close?",
      "which lifts are closed?",
    ]) {
      const answer = ask(q);
      const reply = { kind: "answer" as const, answer, text: answer.text, visibility: "public" as const };
      expect(JSON.stringify(renderDiscord(reply)), q).not.toMatch(/undefined|\(\s*\)/);
      expect(JSON.stringify(renderSlack(reply, { commandPrefix: "/brief" })), q).not.toMatch(
        /undefined|\(\s*\)/,
      );
    }
  });

  it("a notice of a change with no cause reads naturally on every platform", () => {
    const snapshot = statusSnapshots(base, NOW).find((s) => s.entityId === "sella-t-bar");
    if (!snapshot) throw new Error("no snapshot");
    const notice = buildNotice({ id: "n2", snapshot, previous: undefined, createdAt: NOW });
    expect(notice.reason).toBeUndefined();
    expect(notice.text).toBe(
      "Sella T-bar is limited (newly tracked), effective 5 Mar 2026. Source: Valdremo Herald.",
    );
    expect(JSON.stringify(renderDiscordNotice(notice))).not.toMatch(/undefined/);
    expect(renderDiscordNotice(notice).embeds?.[0]?.description).toBeUndefined();
    expect(JSON.stringify(renderSlackNotice(notice))).not.toMatch(/undefined/);
  });
});
