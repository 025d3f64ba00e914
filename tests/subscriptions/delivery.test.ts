import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../src/commands/request.ts";
import type { PostOutcome } from "../../src/delivery/poster.ts";
import { alice, channel, FakePoster, ManualClock, snapshot, tempDir } from "./fixtures.ts";
import { type Harness, openHarness } from "./harness.ts";

const before = [
  snapshot({ entityId: "a", state: "open" }),
  snapshot({ entityId: "b", state: "open" }),
  snapshot({ entityId: "c", state: "open" }),
];
const after = before.map((s) => snapshot({ entityId: s.entityId, state: "closed", since: "2024-11-21" }));

describe("delivering notices", () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let harness: Harness;
  const start = async (poster: FakePoster, channels: ChannelRef[], dispatch = {}) => {
    harness = await openHarness(dir.dbPath, { posters: [poster], clock, dispatch });
    for (const target of channels)
      await harness.system.subscribe(target, { kind: "all" }, alice, clock.date());
    await harness.system.sync(before);
  };

  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock();
  });
  afterEach(async () => {
    await harness.close();
    dir.cleanup();
  });

  it("when Slack answers 429 with a Retry-After, the notice is posted again no sooner than that, with the same nonce", async () => {
    const poster = new FakePoster({
      clock: clock.ms,
      behaviour: (_, attempt) =>
        attempt.attempt === 1
          ? { kind: "retry", reason: "HTTP 429", retryAfterMs: 30_000 }
          : { kind: "sent" },
    });
    await start(poster, [channel(1)]);
    await harness.system.sync([after[0], ...before.slice(1)].filter((s) => s !== undefined));
    const report = await harness.system.drain();
    expect(report).toMatchObject({ sent: 1, retried: 1 });
    const [first, second] = poster.calls;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(second?.nonce).toBe(first?.nonce);
  });

  it("when a channel keeps failing with 500s, it is tried 8 times with growing waits, then shown as failed", async () => {
    const poster = new FakePoster({
      clock: clock.ms,
      behaviour: () => ({ kind: "retry", reason: "HTTP 500" }),
    });
    await start(poster, [channel(1)]);
    await harness.system.sync([after[0], ...before.slice(1)].filter((s) => s !== undefined));
    const report = await harness.system.drain();
    expect(report).toMatchObject({ sent: 0, retried: 7, failed: 1 });
    expect(poster.calls.map((call) => call.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const gaps = poster.calls.slice(1).map((call, index) => call.at - (poster.calls[index]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(1_000);
    for (let index = 1; index < gaps.length; index++)
      expect(gaps[index]).toBeGreaterThanOrEqual(gaps[index - 1] ?? 0);
    const [view] = await harness.system.subscriptionsOf(channel(1));
    expect(view?.lastFailed?.reason).toBe("gave up after 8 tries: HTTP 500");
  });

  it("when a post throws a network error, the delivery is retried rather than lost", async () => {
    const poster = new FakePoster({
      clock: clock.ms,
      behaviour: (_, attempt) => {
        if (attempt.attempt === 1) throw new Error("ECONNRESET");
        return { kind: "sent" };
      },
    });
    await start(poster, [channel(1)]);
    await harness.system.sync(after);
    const report = await harness.system.drain();
    expect(report).toMatchObject({ sent: 3, retried: 3 });
  });

  it("when a workspace rejects the token, its deliveries wait, one probe goes per wait, and all follow once it works", async () => {
    const fixedAt = clock.now + 45 * 60_000;
    const scopeOf = (target: ChannelRef) => (Number(target.id.slice(1)) <= 5 ? "slack:T1" : "slack:T2");
    const poster = new FakePoster({
      clock: clock.ms,
      scopeOf,
      behaviour: (target): PostOutcome =>
        scopeOf(target) === "slack:T1" && clock.now < fixedAt
          ? { kind: "blocked", reason: "invalid_auth", scope: "slack:T1" }
          : { kind: "sent" },
    });
    await start(
      poster,
      Array.from({ length: 10 }, (_, index) => channel(index + 1)),
    );
    await harness.system.sync(after);
    await harness.system.dispatchOnce();
    const [view] = await harness.system.subscriptionsOf(channel(1));
    expect(view?.held?.reason).toBe("invalid_auth");
    await harness.system.drain();
    const t1Calls = poster.calls.filter(
      (call) => scopeOf({ platform: "slack", id: call.channelId }) === "slack:T1",
    );
    const blocked = t1Calls.filter((call) => call.outcome.kind === "blocked");
    const [firstRound, ...probes] = [...new Set(blocked.map((call) => call.at))];
    expect(blocked.filter((call) => call.at === firstRound).length).toBeLessThanOrEqual(4);
    expect(probes.length).toBeGreaterThan(0);
    for (const at of probes) expect(blocked.filter((call) => call.at === at)).toHaveLength(1);
    expect(poster.sent()).toHaveLength(30);
    const perChannelNotice = new Set(poster.sent().map((call) => `${call.channelId}/${call.noticeId}`));
    expect(perChannelNotice.size).toBe(30);
    expect((await harness.system.subscriptionsOf(channel(1)))[0]?.held).toBeUndefined();
  });

  it("when three notices go to one Slack channel, they are posted at least a second apart", async () => {
    const poster = new FakePoster({
      clock: clock.ms,
      pacing: { perChannelIntervalMs: 1_000, globalPerSecond: 0 },
    });
    await start(poster, [channel(1), channel(2)]);
    await harness.system.sync(after);
    await harness.system.drain();
    for (const id of ["C00001", "C00002"]) {
      const times = poster.calls.filter((call) => call.channelId === id).map((call) => call.at);
      expect(times).toHaveLength(3);
      expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1_000);
      expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
  });

  it("when 120 Discord channels get a notice, no second holds more than 50 posts", async () => {
    const poster = new FakePoster({
      platform: "discord",
      clock: clock.ms,
      pacing: { perChannelIntervalMs: 0, globalPerSecond: 50 },
    });
    await start(
      poster,
      Array.from({ length: 120 }, (_, index) => channel(index, "discord")),
    );
    await harness.system.sync([after[0], ...before.slice(1)].filter((s) => s !== undefined));
    await harness.system.drain();
    const times = poster.calls.map((call) => call.at).sort((a, b) => a - b);
    expect(times).toHaveLength(120);
    for (const [index, time] of times.entries()) {
      expect(
        times.filter((other) => other >= time && other < time + 1_000).length,
        `window at ${index}`,
      ).toBeLessThanOrEqual(50);
    }
  });

  it("when the background loop is idle and a status changes, the notice goes out at once and stop does not wait out the idle time", async () => {
    const poster = new FakePoster({});
    harness = await openHarness(dir.dbPath, {
      posters: [poster],
      realTime: true,
      dispatch: { idleMs: 60_000 },
    });
    await harness.system.subscribe(channel(1), { kind: "all" }, alice, new Date());
    await harness.system.sync(before);
    harness.system.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.system.sync(after);
    const deadline = Date.now() + 5_000;
    while (poster.sent().length < 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(poster.sent()).toHaveLength(3);
    const stopping = Date.now();
    await harness.system.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
  });
});
