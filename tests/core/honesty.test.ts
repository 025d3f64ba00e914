import { describe, expect, it } from "vitest";
import { LATER, realEngine } from "../support/engine.ts";

const engine = realEngine();
const ask = (q: string, now = LATER) => engine.ask(q, { now });

describe("a yes or no only where the sources give one", () => {
  it("when a country is the subject ('did Spain shut its embassy'), answers for that country's embassy", () => {
    const a = ask("did spain shut its embassy in kyiv?");
    expect(a.statuses.map((s) => s.entity.id)).toEqual(["spain-embassy-kyiv"]);
  });

  it("when the subject is a country the base lacks, declines instead of answering for the US embassy", () => {
    const a = ask("has portugal closed its embassy in kyiv");
    expect(a.answered).toBe(false);
    expect(a.text).toMatch(/Portugal/);
  });

  it("a misspelt or unknown owner right before 'embassy' is declined, not read as the main embassy", () => {
    expect(ask("is the frnech embassy in kyiv open").text).toMatch(
      /^I don't have any reports on the French embassy\./,
    );
    expect(ask("is the qwzx embassy open").answered).toBe(false);
  });

  it("a second, uncovered place beside a covered embassy is named as missing, not dropped", () => {
    const a = ask("is the spanish embassy in kyiv open? and the japanese one?");
    expect(a.status?.entity.id).toBe("spain-embassy-kyiv");
    expect(a.text).toMatch(/I don't have any reports on Japanese\./);
  });

  it("a country before an alias that names another embassy wins ('Greece's Kyiv embassy')", () => {
    const a = ask("is greece's kyiv embassy open");
    expect(a.statuses.map((s) => s.entity.id)).toEqual(["greece-embassy-kyiv"]);
  });

  it("a question about the future gets the latest status and no prediction", () => {
    const a = ask("will the italian embassy in kyiv reopen next week?");
    expect(a.text).toMatch(
      /^My sources give no date for when the Italian Embassy in Kyiv will be open again\./,
    );
    expect(a.text).not.toMatch(/^(Yes|No)\b/);
  });

  it("asked whether the US closure is permanent, says the sources do not say", () => {
    const a = ask("is the american embassy in kyiv shut permanently?");
    expect(a.text).toMatch(/^My sources do not say whether it is temporary or permanent\./);
  });

  it("a claim added to a status question ('because of the landmines') is not confirmed with a yes", () => {
    const a = ask("did the us embassy in kyiv close because of the landmines decision?");
    expect(a.text).not.toMatch(/^Yes/);
    expect(a.text).toMatch(/air attack/);
  });

  it("an either/or question gets no yes or no", () => {
    const a = ask("is the spanish embassy in kyiv open or closed");
    expect(a.text).toMatch(/^The Spanish Embassy in Kyiv was temporarily closed/);
  });

  it("a status answer keeps the event's qualifier: media reports for Spain, the disputed warning for the US", () => {
    expect(ask("is the spanish embassy in kyiv open").text).toMatch(/according to multiple media reports/);
    expect(ask("is the us embassy in kyiv open").text).toMatch(/disinformation/);
  });
});

describe("dates the timeline cannot settle", () => {
  it("a date after the last report gets that report's state, never a state claimed for the day", () => {
    const a = ask("was the us embassy in kyiv open on 3 february 2025");
    expect(a.verdict).toBe("unknown");
    expect(a.text).not.toMatch(/was closed on 3 Feb 2025/);
    expect(a.text).toMatch(/nothing about the US Embassy in Kyiv on 3 Feb 2025/);
    expect(a.text).toMatch(/of 20 Nov 2024, has it closed/);
    expect(a.text).toMatch(/nothing later is known/);
  });

  it("'last year' is read relative to the day the question is asked", () => {
    const a = ask("was the greek embassy in kyiv open last year", new Date("2023-06-01T00:00:00Z"));
    expect(a.statuses).toEqual([]);
    expect(a.text).toMatch(/no record of the Greek Embassy in Kyiv before 20 Nov 2024/);
  });

  it("a closure in a year with none reported is not answered with a later one", () => {
    const a = ask("when did the american embassy in kyiv close in 2022?");
    expect(a.text).toMatch(/do not report the US Embassy in Kyiv becoming closed in 2022/);
  });

  it("a report dated after the question's 'now' is not used", () => {
    const a = ask("is the us embassy in kyiv open", new Date("2023-01-10T00:00:00Z"));
    expect(a.status?.state).toBe("open");
  });

  it("a day with nothing reported is said so, not filled with that month's facts", () => {
    const a = ask("what happened on 23 november 2024");
    expect(a.answered).toBe(false);
    expect(a.text).toBe("My sources report nothing dated 23 Nov 2024.");
  });
});

describe("noise around a good question", () => {
  it("'is it open?' with nothing named answers for the main embassy and says it assumed so", () => {
    const a = ask("is it open?");
    expect(a.status?.entity.id).toBe("us-embassy-kyiv");
    expect(a.text).toMatch(/Assuming you mean the US Embassy in Kyiv/);
  });

  it("chat mentions and filler words do not hide a question about a person", () => {
    const a = ask("<@U0123ABC> um who is bridget brink exactly?? cc @sam");
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/^Bridget Brink: /);
  });

  it("a question sharing only a vague word with a fact is declined", () => {
    expect(ask("what time is it in kyiv").answered).toBe(false);
  });

  it("a common word is not 'corrected' into a name", () => {
    const a = ask("has anyone been hurt?");
    expect(a.entities.map((e) => e.id)).not.toContain("antony-blinken");
  });
});
