import { describe, expect, it } from "vitest";
import { RecentEventIds } from "../../adapters/slack/recentEventIds.ts";

describe("remembering Slack event ids", () => {
  it("says a retried id was seen, and a new one was not", () => {
    const recent = new RecentEventIds();
    expect(recent.checkAndRemember("Ev08MFMKH6")).toBe(false);
    expect(recent.checkAndRemember("Ev08MFMKH6")).toBe(true);
    expect(recent.checkAndRemember("Ev08MFQW2B")).toBe(false);
  });

  it("forgets ids after the TTL", () => {
    let now = 0;
    const recent = new RecentEventIds({ ttlMs: 1000, maxEntries: 10, clock: () => now });
    recent.checkAndRemember("Ev1");
    now = 999;
    expect(recent.checkAndRemember("Ev1")).toBe(true);
    now = 2000;
    expect(recent.checkAndRemember("Ev1")).toBe(false);
  });

  it("stays within its bound, dropping the oldest first", () => {
    const recent = new RecentEventIds({ ttlMs: 60_000, maxEntries: 3, clock: () => 0 });
    for (const id of ["Ev1", "Ev2", "Ev3", "Ev4"]) recent.checkAndRemember(id);
    expect(recent.size).toBe(3);
    expect(recent.checkAndRemember("Ev4")).toBe(true);
    expect(recent.checkAndRemember("Ev1")).toBe(false);
  });
});
