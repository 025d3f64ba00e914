import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../src/commands/request.ts";
import type { DispatchReport } from "../../src/delivery/policy.ts";
import type { DeliveryAttempt, PostOutcome } from "../../src/delivery/poster.ts";
import { alice, channel, FakePoster, ManualClock, snapshot, tempDir } from "./fixtures.ts";
import { type Harness, openHarness } from "./harness.ts";

const channels = Array.from({ length: 1_000 }, (_, index) => channel(index));
const indexOf = (target: { id: string }) => Number(target.id.slice(1));
const deadReason = (index: number) =>
  index % 50 === 4 ? "channel_not_found" : index % 333 === 7 ? "not_in_channel" : undefined;

/** Some channels are dead; others fail once or twice with 429, 500 or a dropped connection first. */
function behaviour(target: ChannelRef, attempt: DeliveryAttempt): PostOutcome {
  const index = indexOf(target);
  const dead = deadReason(index);
  if (dead) return { kind: "permanent", reason: dead };
  if (index % 10 === 1 && attempt.attempt === 1)
    return { kind: "retry", reason: "HTTP 429", retryAfterMs: 7_000 };
  if (index % 7 === 2 && attempt.attempt <= 2) return { kind: "retry", reason: "HTTP 500" };
  if (index % 11 === 3 && attempt.attempt === 1) throw new Error("socket hang up");
  return { kind: "sent", messageId: `m-${index}` };
}

describe("when 1,000 channels follow every status and one changes while some sends fail", () => {
  const dir = tempDir();
  const clock = new ManualClock();
  const poster = new FakePoster({ clock: clock.ms, behaviour });
  const dead = channels.filter((target) => deadReason(indexOf(target)) !== undefined);
  const live = channels.filter((target) => deadReason(indexOf(target)) === undefined);
  let harness: Harness;
  let report: DispatchReport;
  let noticeId: string | undefined;

  beforeAll(async () => {
    harness = await openHarness(dir.dbPath, { posters: [poster], clock, random: Math.random });
    for (const target of channels)
      await harness.system.subscribe(target, { kind: "all" }, alice, clock.date());
    await harness.system.sync([snapshot({ entityId: "kyiv", state: "open" })]);
    const sync = await harness.system.sync([snapshot({ entityId: "kyiv", state: "closed" })]);
    noticeId = sync.notices[0]?.id;
    report = await harness.system.drain();
  });
  afterAll(async () => {
    await harness.close();
    dir.cleanup();
  });

  it("every live channel gets the notice exactly once", () => {
    const sentTo = poster.sent().map((call) => call.channelId);
    expect(sentTo).toHaveLength(live.length);
    expect(new Set(sentTo)).toEqual(new Set(live.map((target) => target.id)));
    expect(poster.sent().every((call) => call.noticeId === noticeId)).toBe(true);
    expect(report.sent).toBe(live.length);
    expect(report.failed).toBe(0);
  });

  it("transient failures were retried with the delivery's own nonce, 429s no sooner than Retry-After", () => {
    const byDelivery = new Map<string, typeof poster.calls>();
    for (const call of poster.calls)
      byDelivery.set(call.deliveryId, [...(byDelivery.get(call.deliveryId) ?? []), call]);
    expect(report.retried).toBeGreaterThan(200);
    for (const calls of byDelivery.values()) {
      expect(new Set(calls.map((call) => call.nonce)).size).toBe(1);
      const [first, second] = calls;
      if (first?.outcome.kind === "retry" && first.outcome.retryAfterMs && second) {
        expect(second.at - first.at).toBeGreaterThanOrEqual(first.outcome.retryAfterMs);
      }
    }
  });

  it("the dead channels are suspended with their reason and were tried only once", async () => {
    expect(dead).toHaveLength(23);
    expect(report.suspended).toBe(dead.length);
    for (const target of dead) {
      expect(poster.calls.filter((call) => call.channelId === target.id)).toHaveLength(1);
      const [view] = await harness.system.subscriptionsOf(target);
      expect(view?.suspended?.reason).toBe(deadReason(indexOf(target)));
    }
  });

  it("the next change is queued only for the live channels", async () => {
    const next = await harness.system.sync([
      snapshot({ entityId: "kyiv", state: "open", since: "2024-11-22" }),
    ]);
    expect(next.deliveries).toBe(live.length);
  });
});
