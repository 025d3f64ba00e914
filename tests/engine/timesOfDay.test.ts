import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/engine/answer.ts";
import { statusesOf } from "../../src/engine/engine.ts";
import { questionDate } from "../../src/engine/language/questionDates.ts";
import { dateRange, formatDated, inZone } from "../../src/knowledge/dates.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { baseInfoSchema, statusEventSchema } from "../../src/knowledge/schema.ts";
import { fixtureBase, fixtureEngine } from "../support/fixtureBases.ts";

/**
 * Times of day and the base's time zone, over the invented Skerrvik swing bridges
 * (tests/fixtures/bases/swing-bridges, `timeZone: Europe/Stockholm`): the Tullholm bridge closed at
 * 06:10, reopened at 12:00 and closed again at 19:50 on 5 March 2026 (the last given in UTC by its
 * source, and the day's entries out of order in the file), then reopened "at 7am" on the 6th.
 */
const engine = fixtureEngine("swing-bridges");
const base = fixtureBase("swing-bridges");
const NOW = new Date("2026-03-10T12:00:00Z");
const ask = (q: string, now = NOW): Answer => engine.ask(q, { now });
const sourceIds = (a: Answer) => a.sources.map((s) => s.id);
const statusOf = (a: Answer, id: string) => a.statuses.find((s) => s.entity.id === id);

describe("timed entries at load", () => {
  it("orders one day's entries by their times, not by the file, and holds a UTC time as the base's", () => {
    const events = base.timelines.get("tullholm-bridge") ?? [];
    expect(events.map((e) => [e.state, e.effective.date, e.effective.precision])).toEqual([
      ["closed", "2026-03-05T06:10", "minute"],
      ["open", "2026-03-05T12:00", "minute"],
      ["closed", "2026-03-05T19:50", "minute"],
      ["open", "2026-03-06T07", "hour"],
    ]);
  });

  it("validates the base's zone, and a time's precision and zone", () => {
    expect(baseInfoSchema.safeParse({ timeZone: "Europe/Stockholm" }).success).toBe(true);
    expect(baseInfoSchema.safeParse({ timeZone: "Mars/Olympus" }).success).toBe(false);
    const event = (effective: object) =>
      statusEventSchema.safeParse({ state: "open", effective, source: "s", paragraph: 1 }).success;
    expect(event({ date: "2026-03-05T19:50", precision: "minute" })).toBe(true);
    expect(event({ date: "2026-03-05T19", precision: "hour" })).toBe(true);
    expect(event({ date: "2026-03-05T19:50", precision: "minute", zone: "UTC" })).toBe(true);
    // Never more exact than the precision says, nor a time without one.
    expect(event({ date: "2026-03-05T19:50", precision: "day" })).toBe(false);
    expect(event({ date: "2026-03-05T19:50", precision: "hour" })).toBe(false);
    expect(event({ date: "2026-03-05", precision: "minute" })).toBe(false);
    expect(event({ date: "2026-03-05T25:00", precision: "minute" })).toBe(false);
    expect(event({ date: "2026-03-05", precision: "day", zone: "UTC" })).toBe(false);
    expect(event({ date: "2026-03-05T19:50", precision: "minute", zone: "Nowhere/City" })).toBe(false);
  });

  it("refuses a time with no zone in a base that declares none", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "briefbot-times-"));
    try {
      writeFileSync(
        path.join(dir, "base.yaml"),
        [
          "sources:",
          "  - { id: s, publisher: P, headline: H, published: { date: '2026-03-06', precision: day } }",
          "entities:",
          "  - { id: b, kind: place, name: Bridge }",
          "timelines:",
          "  - entity: b",
          "    events:",
          "      - { state: open, effective: { date: '2026-03-05T12:00', precision: minute }, source: s, paragraph: 1 }",
          "",
        ].join("\n"),
      );
      const loaded = loadKnowledgeBase(dir);
      expect(loaded.ok).toBe(false);
      if (!loaded.ok)
        expect(loaded.problems.map((p) => p.message)).toEqual([
          expect.stringMatching(/no time zone.*base\.timeZone/),
        ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("converts a time in another zone to the base's, across the date line of the day", () => {
    expect(
      inZone({ date: "2026-03-05T23:30", precision: "minute", zone: "UTC" }, "Europe/Stockholm"),
    ).toEqual({
      date: "2026-03-06T00:30",
      precision: "minute",
    });
    // Summer time: two hours ahead of UTC.
    expect(inZone({ date: "2026-07-01T10", precision: "hour", zone: "UTC" }, "Europe/Stockholm")).toEqual({
      date: "2026-07-01T12",
      precision: "hour",
    });
  });

  it("writes a time where the source gives one, and spans only its minute or hour", () => {
    expect(formatDated({ date: "2026-03-05T19:50", precision: "minute" })).toBe("19:50 on 5 Mar 2026");
    expect(formatDated({ date: "2026-03-06T07", precision: "hour" })).toBe("07:00 on 6 Mar 2026");
    const hour = dateRange({ date: "2026-03-06T07", precision: "hour" });
    expect(hour.end - hour.start).toBe(3_600_000 - 1);
  });
});

describe("questions with a time of day", () => {
  it("reads the time a question gives, to the minute", () => {
    expect(questionDate("was it open at 20:00 on 5 March 2026", NOW, 2026)).toEqual({
      date: "2026-03-05T20:00",
      precision: "minute",
    });
    expect(questionDate("at noon on 27 March", NOW, 2026)).toEqual({
      date: "2026-03-27T12:00",
      precision: "minute",
    });
    // In the present tense a time asks about opening hours, not a moment today.
    expect(questionDate("is it open at 9am", NOW, 2026)).toBeUndefined();
  });

  it("was it open at 20:00 on the day of three changes: no, closed since 19:50", () => {
    const a = ask("was the Tullholm bridge open at 20:00 on 5 March 2026?");
    expect(a.answered).toBe(true);
    expect(a.verdict).toBe("no");
    expect(statusOf(a, "tullholm-bridge")).toMatchObject({
      state: "closed",
      since: { date: "2026-03-05T19:50", precision: "minute" },
    });
    expect(sourceIds(a)).toEqual(["post-2026-03-06"]);
    expect(a.text).toMatch(/at 19:50 on 5 Mar 2026/);
  });

  it("answers each time of that day by the change in force then", () => {
    const cases: [string, "yes" | "no", string][] = [
      ["was the Tullholm bridge open at 9am on 5 March?", "no", "2026-03-05T06:10"],
      ["was the Tullholm bridge open at 1pm on 5 March?", "yes", "2026-03-05T12:00"],
      // At the very minute of a change, the change holds.
      ["was the Tullholm bridge open at noon on 5 March?", "yes", "2026-03-05T12:00"],
      ["was the Tullholm bridge open at 8 pm on 5 March?", "no", "2026-03-05T19:50"],
    ];
    for (const [q, verdict, since] of cases) {
      const a = ask(q);
      expect(a.verdict, q).toBe(verdict);
      expect(statusOf(a, "tullholm-bridge")?.since.date, q).toBe(since);
      expect(sourceIds(a), q).toEqual(["post-2026-03-06"]);
    }
  });

  it("a time with no day, asked that evening, is that day's", () => {
    const a = ask("was the Tullholm bridge open at 20:00?", new Date("2026-03-05T20:30:00Z"));
    expect(a.verdict).toBe("no");
    expect(statusOf(a, "tullholm-bridge")?.since.date).toBe("2026-03-05T19:50");
  });

  it("a time before the first report is declined, and the day tells its changes in time order", () => {
    expect(ask("was the Tullholm bridge open at 5am on 5 March?").answered).toBe(false);
    const day = ask("was the Tullholm bridge open on 5 March 2026?");
    expect(day.answered).toBe(true);
    expect(day.text).toMatch(/closed at 06:10 .*reopened at 12:00 .*closed at 19:50 on 5 Mar 2026/);
    expect(sourceIds(day)).toEqual(["post-2026-03-06"]);
  });

  it("a change known only to the day is not said to hold at a time of that day", () => {
    const a = ask("was the Kvarn bridge open at 20:00 on 6 March?");
    expect(a.verdict).toBeUndefined();
    expect(a.text).toMatch(/closed on 6 Mar 2026/);
    expect(a.text).not.toMatch(/\d\d:\d\d/);
  });
});

describe("now, on the base's clock", () => {
  it("a change at 07:00 in Skerrvik has happened at 06:30 UTC (07:30 there), not at 05:30 UTC", () => {
    const after = ask("is the Tullholm bridge open?", new Date("2026-03-06T06:30:00Z"));
    expect(after.verdict).toBe("yes");
    expect(after.status?.since).toEqual({ date: "2026-03-06T07", precision: "hour" });
    expect(after.text).toMatch(/since 07:00 on 6 Mar 2026/);
    const before = ask("is the Tullholm bridge open?", new Date("2026-03-06T05:30:00Z"));
    expect(before.verdict).toBe("no");
    expect(before.status?.since.date).toBe("2026-03-05T19:50");
  });

  it("`status`, change and why answers give the times", () => {
    expect(statusOf(statusesOf(engine, NOW), "tullholm-bridge")).toMatchObject({
      state: "open",
      since: { date: "2026-03-06T07", precision: "hour" },
    });
    const when = ask("when did the Tullholm bridge reopen?");
    expect(sourceIds(when)[0]).toBe("tidning-2026-03-07");
    expect(when.text).toMatch(/reopened at 07:00 on 6 Mar 2026/);
    const why = ask("why did the Tullholm bridge close?");
    expect(sourceIds(why)[0]).toBe("post-2026-03-06");
    expect(why.text).toMatch(/closed at 19:50 on 5 Mar 2026/);
  });
});

describe("a date known only as a range (Sill bridge: closed between 10 and 14 March)", () => {
  const LATER = new Date("2026-03-25T12:00:00Z");
  it("is validated: a later date of the same precision", () => {
    const event = (effective: object) =>
      statusEventSchema.safeParse({ state: "open", effective, source: "s", paragraph: 1 }).success;
    expect(event({ date: "2026-05-10", until: "2026-05-14", precision: "day" })).toBe(true);
    expect(event({ date: "2026-05-14", until: "2026-05-10", precision: "day" })).toBe(false);
    expect(event({ date: "2026-05-10", until: "2026-06", precision: "day" })).toBe(false);
    expect(event({ date: "2026-05-10T10:00", until: "2026-05-14", precision: "minute" })).toBe(false);
  });

  it("answers now with the range, never a day", () => {
    const a = ask("is the Sill bridge open?", LATER);
    expect(a.verdict).toBe("no");
    expect(a.status?.since).toEqual({ date: "2026-03-10", until: "2026-03-14", precision: "day" });
    expect(a.text).toMatch(/between 10 and 14 Mar 2026/);
    expect(a.text).not.toMatch(/since 10 Mar 2026/);
  });

  it("gives no yes or no for a day within the range, and one before and after it", () => {
    const within = ask("was the Sill bridge open on 12 March?", LATER);
    expect(within.answered).toBe(true);
    // The sources do not say which side of the change the 12th was.
    expect(within.verdict).toBe("not-given");
    expect(sourceIds(within)).toEqual(["post-2026-03-20"]);
    expect(ask("was the Sill bridge open on 16 March?", LATER).verdict).toBe("no");
    expect(ask("was the Sill bridge open on 8 March?", LATER).verdict).toBe("yes");
  });

  it("says when it closed as the range", () => {
    const a = ask("when did the Sill bridge close?", LATER);
    expect(sourceIds(a)[0]).toBe("post-2026-03-20");
    expect(a.text).toMatch(/closed between 10 and 14 Mar 2026/);
  });
});
