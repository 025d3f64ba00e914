import { describe, expect, it } from "vitest";
import { parseUpdate } from "../../src/commands/subscriptions/parseUpdate.ts";

describe("reading 'update <entity> <state> <reason> [source URL]'", () => {
  it("when the entity has several words, they all go before the first state word", () => {
    expect(parseUpdate("U.S. embassy in Kyiv Closed after an air raid alert")).toEqual({
      entityText: "U.S. embassy in Kyiv",
      state: "closed",
      reason: "after an air raid alert",
    });
  });

  it("when the last word is an http(s) URL, it is the source and not part of the reason", () => {
    expect(parseUpdate("kyiv embassy limited Consular only https://example.org/x?y=1")).toEqual({
      entityText: "kyiv embassy",
      state: "limited",
      reason: "Consular only",
      url: "https://example.org/x?y=1",
    });
  });

  it("when a URL sits inside the reason, or the reason repeats a state word, the reason keeps them", () => {
    expect(parseUpdate("kyiv embassy open see https://example.org then closed later")).toMatchObject({
      state: "open",
      reason: "see https://example.org then closed later",
    });
    expect(parseUpdate("kyiv embassy open see https://example.org then closed later")?.url).toBeUndefined();
  });

  it("when the entity, the state or the reason is missing, nothing is parsed", () => {
    expect(parseUpdate("closed because")).toBeNull();
    expect(parseUpdate("kyiv embassy closed")).toBeNull();
    expect(parseUpdate("kyiv embassy closed https://example.org")).toBeNull();
    expect(parseUpdate("kyiv embassy shut")).toBeNull();
  });
});
