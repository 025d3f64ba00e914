import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import type { ClaimedDelivery } from "../../src/delivery/outbox.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import type { Topic } from "../../src/subscriptions/types.ts";
import { alice, channel } from "./fixtures.ts";

/** Makes a fresh, empty store; `dispose` closes it and removes what it made. */
export type StoreFactory = () => Promise<{ store: SubscriptionStore; dispose: () => Promise<void> }>;

const t0 = Date.parse("2024-11-20T09:00:00Z");
const at = (ms: number) => new Date(t0 + ms);
const kyiv: Topic = { kind: "entity", entityId: "us-embassy-kyiv" };
const all: Topic = { kind: "all" };

/** A status-change notice for `entityId`, as announcements carry it. */
export function notice(entityId: string, createdAt = at(0)): StatusChangeNotice {
  const date = { date: "2024-11-20", precision: "day" as const };
  return {
    id: randomUUID(),
    entity: { id: entityId, name: entityId, kind: "embassy" },
    from: "open",
    to: "closed",
    effective: date,
    temporary: false,
    reason: "Air strike warning",
    source: { id: "wt", publisher: "The Washington Times", headline: "h", published: date },
    supersedes: null,
    createdAt: createdAt.toISOString(),
    text: `${entityId} is now closed (was open).`,
  };
}

/**
 * The behaviour every `SubscriptionStore` must have. Run it against each implementation with a
 * factory, so that a PostgreSQL store is held to exactly what the SQLite one is.
 */
export function describeSubscriptionStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    let store: SubscriptionStore;
    let dispose: () => Promise<void>;
    const claim = (now = t0, limit = 100) =>
      store.claimDue({ now, platforms: ["slack", "discord"], limit, leaseMs: 1_000, owner: "contract" });
    const subscribe = (
      index: number,
      topic: Topic,
      scope = "slack",
      platform: "slack" | "discord" = "slack",
    ) => store.subscribe({ channel: channel(index, platform), topic, scope, by: alice, at: at(0) });
    const announce = async (entityId = "us-embassy-kyiv", expected?: string | null, key = "k2") => {
      const made = notice(entityId);
      const expectedKey =
        expected === undefined
          ? ((await store.announcements()).statuses.get(entityId)?.key ?? null)
          : expected;
      const result = await store.announce({ notice: made, key, expectedKey, dueAt: t0 });
      return { notice: made, result };
    };

    beforeEach(async () => {
      ({ store, dispose } = await factory());
      await store.recordBaseline([{ entityId: "us-embassy-kyiv", key: "k1", state: "open" }], at(0));
    });
    afterEach(async () => {
      await dispose();
    });

    it("when a channel subscribes twice to the same topic, the second time reports it as existing", async () => {
      expect(await subscribe(1, kyiv)).toBe("created");
      expect(await subscribe(1, kyiv)).toBe("existing");
      expect(await subscribe(1, all)).toBe("created");
      const records = await store.subscriptionsOf(channel(1));
      expect(records.map((record) => record.topic)).toEqual(expect.arrayContaining([kyiv, all]));
      expect(records[0]?.createdBy).toEqual(alice);
      expect(records[0]?.createdAt).toBe(at(0).toISOString());
    });

    it("when the baseline is recorded twice, the second is refused and the first statuses stand", async () => {
      expect(
        await store.recordBaseline([{ entityId: "us-embassy-kyiv", key: "other", state: "closed" }], at(5)),
      ).toBe(false);
      const { baselineAt, statuses } = await store.announcements();
      expect(baselineAt).toBe(at(0).toISOString());
      expect(statuses.get("us-embassy-kyiv")).toMatchObject({ key: "k1", state: "open", noticeId: null });
    });

    it("when a change is announced, each live channel following the entity or all gets exactly one delivery", async () => {
      await subscribe(1, kyiv);
      await subscribe(2, all);
      await subscribe(3, kyiv);
      await subscribe(3, all);
      await subscribe(4, { kind: "entity", entityId: "other-entity" });
      const { notice: made, result } = await announce();
      expect(result).toEqual({ kind: "announced", deliveries: 3 });
      const claimed = await claim();
      expect(claimed.map((delivery) => delivery.channel.id).sort()).toEqual(["C00001", "C00002", "C00003"]);
      expect(new Set(claimed.map((delivery) => delivery.noticeId))).toEqual(new Set([made.id]));
      expect(claimed.every((delivery) => delivery.nonce.length > 0 && delivery.nonce.length <= 25)).toBe(
        true,
      );
      expect(await store.notice(made.id)).toEqual(made);
      const { statuses } = await store.announcements();
      expect(statuses.get("us-embassy-kyiv")).toMatchObject({
        key: "k2",
        state: "closed",
        noticeId: made.id,
      });
    });

    it("when another sync has already announced the entity, the stale announcement writes nothing", async () => {
      await subscribe(1, kyiv);
      await announce("us-embassy-kyiv", "k1", "k2");
      const stale = await announce("us-embassy-kyiv", "k1", "k3");
      expect(stale.result).toEqual({ kind: "conflict" });
      expect(await store.notice(stale.notice.id)).toBeNull();
      expect(await claim()).toHaveLength(1);
    });

    it("when deliveries are leased, nobody else gets them until the lease runs out, and the retaken try is counted", async () => {
      await subscribe(1, kyiv);
      await announce();
      const [first] = await claim(t0);
      expect(first?.attempt).toBe(1);
      await store.beginTry(first as ClaimedDelivery);
      expect(await claim(t0 + 999)).toEqual([]);
      expect(await store.nextDueAt(["slack"])).toBe(t0 + 1_000);
      const [again] = await claim(t0 + 1_000);
      expect(again).toMatchObject({ id: first?.id, nonce: first?.nonce, attempt: 2, inDoubt: true });
      expect(first?.inDoubt).toBe(false);
      await store.beginTry(again as ClaimedDelivery);
      await store.scheduleRetry(again as ClaimedDelivery, { dueAt: t0 + 2_000, reason: "HTTP 503" });
      const [retried] = await claim(t0 + 2_000);
      expect(retried, "a try that recorded its outcome leaves no doubt").toMatchObject({
        attempt: 3,
        inDoubt: false,
      });
    });

    it("when a delivery is sent, it is never claimed again and becomes the channel's last notice", async () => {
      await subscribe(1, kyiv);
      const { notice: made } = await announce();
      const [delivery] = (await claim()) as [ClaimedDelivery];
      await store.markSent(delivery, { at: at(10), messageId: "m1" });
      expect(await claim(t0 + 10_000)).toEqual([]);
      expect(await store.nextDueAt(["slack"])).toBeNull();
      const [record] = await store.subscriptionsOf(channel(1));
      expect(record?.lastDelivered).toEqual({ noticeId: made.id, at: at(10).toISOString() });
    });

    it("when a retry is scheduled, the delivery waits until it is due", async () => {
      await subscribe(1, kyiv);
      await announce();
      const [delivery] = (await claim()) as [ClaimedDelivery];
      await store.scheduleRetry(delivery, { dueAt: t0 + 5_000, reason: "HTTP 500" });
      expect(await claim(t0 + 4_999)).toEqual([]);
      expect(await store.nextDueAt(["slack"])).toBe(t0 + 5_000);
      expect(await claim(t0 + 5_000)).toHaveLength(1);
    });

    it("when a delivery gives up, the channel's subscriptions show the failure", async () => {
      await subscribe(1, kyiv);
      const { notice: made } = await announce();
      const [delivery] = (await claim()) as [ClaimedDelivery];
      await store.markFailed(delivery, { at: at(20), reason: "gave up after 8 tries: HTTP 500" });
      const [record] = await store.subscriptionsOf(channel(1));
      expect(record?.lastFailed).toEqual({
        noticeId: made.id,
        reason: "gave up after 8 tries: HTTP 500",
        at: at(20).toISOString(),
      });
      expect(record?.suspended).toBeUndefined();
    });

    it("when a channel is suspended, all its subscriptions show why and its other pending deliveries are cancelled", async () => {
      await subscribe(1, kyiv);
      await subscribe(1, all);
      await subscribe(2, all);
      await announce("us-embassy-kyiv");
      await announce("other-entity");
      const claimed = await claim(t0, 1);
      const first = claimed[0] as ClaimedDelivery;
      await store.suspendChannel(first, { at: at(30), reason: "channel_not_found" });
      const records = await store.subscriptionsOf(first.channel);
      expect(records).toHaveLength(2);
      for (const record of records)
        expect(record.suspended).toEqual({ reason: "channel_not_found", at: at(30).toISOString() });
      const rest = await claim(t0 + 1);
      expect(rest.every((delivery) => delivery.channel.id !== first.channel.id)).toBe(true);
      // Channel 2's two notices go one at a time: the second waits for the first.
      expect(rest).toHaveLength(1);
      const { result } = await announce("third-entity");
      expect(result).toEqual({ kind: "announced", deliveries: 1 });
      expect(await subscribe(1, all)).toBe("resumed");
      const resumed = await store.subscriptionsOf(first.channel);
      expect(resumed.find((record) => record.topic.kind === "all")?.suspended).toBeUndefined();
      expect(resumed.find((record) => record.topic.kind === "entity")?.suspended?.reason).toBe(
        "channel_not_found",
      );
    });

    it("when a scope is held, its deliveries wait for the probe time, then exactly one goes as a probe", async () => {
      for (const index of [1, 2, 3]) await subscribe(index, all, "slack:T1");
      await subscribe(4, all, "slack:T2");
      await announce();
      const claimed = await claim(t0);
      const held = claimed.find((delivery) => delivery.scope === "slack:T1") as ClaimedDelivery;
      for (const delivery of claimed) if (delivery !== held) await store.release(delivery, t0);
      await store.holdScope(held, {
        scope: "slack:T1",
        reason: "invalid_auth",
        at: at(0),
        probeAt: t0 + 60_000,
      });
      const during = await claim(t0 + 1);
      expect(during.map((delivery) => delivery.scope)).toEqual(["slack:T2"]);
      expect(during[0]?.attempt).toBe(1);
      const [record] = await store.subscriptionsOf(channel(1));
      expect(record?.held).toEqual({ reason: "invalid_auth", since: at(0).toISOString() });
      expect(await store.nextDueAt(["slack"])).toBe(t0 + 1_001);
      const probes = await claim(t0 + 60_000);
      expect(probes.filter((delivery) => delivery.scope === "slack:T1")).toHaveLength(1);
      expect(probes[0]?.probe).toBe(true);
      await store.markSent(probes[0] as ClaimedDelivery, { at: at(60_000) });
      const after = await claim(t0 + 60_001);
      expect(after.filter((delivery) => delivery.scope === "slack:T1")).toHaveLength(2);
      expect((await store.subscriptionsOf(channel(1)))[0]?.held).toBeUndefined();
    });

    it("when a channel unsubscribes, its pending deliveries are cancelled unless another subscription still wants them", async () => {
      await subscribe(1, kyiv);
      await subscribe(1, all);
      await subscribe(2, kyiv);
      await announce();
      expect(await store.unsubscribe(channel(1), kyiv, at(1))).toEqual([kyiv]);
      expect(await store.unsubscribe(channel(2), kyiv, at(1))).toEqual([kyiv]);
      expect(await store.unsubscribe(channel(2), kyiv, at(1))).toEqual([]);
      expect((await claim()).map((delivery) => delivery.channel.id)).toEqual(["C00001"]);
      expect(await store.unsubscribe(channel(1), "everything", at(2))).toEqual([all]);
      expect(await store.subscriptionsOf(channel(1))).toEqual([]);
    });

    it("when claiming for some platforms, deliveries for the others stay queued", async () => {
      await subscribe(1, all, "slack");
      await subscribe(2, all, "discord", "discord");
      await announce();
      const claimed = await store.claimDue({
        now: t0,
        platforms: ["discord"],
        limit: 10,
        leaseMs: 1_000,
        owner: "contract",
      });
      expect(claimed.map((delivery) => delivery.channel.platform)).toEqual(["discord"]);
      expect(await store.nextDueAt(["slack"])).toBe(t0);
    });

    it("when chat updates are added, they come back in the order they were reported", async () => {
      const first = {
        id: "u1",
        entityId: "us-embassy-kyiv",
        state: "closed" as const,
        reason: "Alert",
        by: alice,
        at: at(1).toISOString(),
      };
      const second = {
        ...first,
        id: "u2",
        state: "open" as const,
        url: "https://example.org/a",
        at: at(2).toISOString(),
      };
      await store.addChatUpdate(first);
      await store.addChatUpdate(second);
      expect(await store.chatUpdates()).toEqual([first, second]);
    });

    it("when a channel has several notices pending, they are claimed one at a time, in order, at the channel's pace", async () => {
      await subscribe(1, all);
      const first = await announce("us-embassy-kyiv");
      const second = await announce("other-entity");
      const paced = (now: number) =>
        store.claimDue({
          now,
          platforms: ["slack"],
          limit: 10,
          leaseMs: 1_000,
          owner: "a",
          channelIntervalMs: 500,
        });
      const [head] = (await paced(t0)) as [ClaimedDelivery];
      expect(head.noticeId).toBe(first.notice.id);
      expect(await paced(t0 + 1)).toEqual([]);
      await store.markSent(head, { at: at(1) });
      expect(await paced(t0 + 400)).toEqual([]);
      const [next] = await paced(t0 + 501);
      expect(next?.noticeId).toBe(second.notice.id);
    });

    it("when a claim's owner renews it, nobody takes it after the first lease; once renewals stop, another owner does", async () => {
      await subscribe(1, kyiv);
      await announce();
      const [held] = (await store.claimDue({
        now: t0,
        platforms: ["slack"],
        limit: 1,
        leaseMs: 1_000,
        owner: "alive",
      })) as [ClaimedDelivery];
      await store.renewLeases("alive", t0 + 3_000);
      await store.renewLeases("someone-else", t0 + 99_000);
      const other = (now: number) =>
        store.claimDue({ now, platforms: ["slack"], limit: 1, leaseMs: 1_000, owner: "other" });
      expect(await other(t0 + 2_000)).toEqual([]);
      const [taken] = await other(t0 + 3_000);
      expect(taken).toMatchObject({ id: held.id, attempt: 2 });
      await store.renewLeases("alive", t0 + 50_000);
      expect(await other(t0 + 4_500)).toHaveLength(1);
    });

    it("when a claim lapses before its try began, the next claim is not in doubt: nothing can have been posted", async () => {
      await subscribe(1, kyiv);
      await announce();
      const [first] = await claim(t0);
      expect(first?.inDoubt).toBe(false);
      const [again] = await claim(t0 + 1_000);
      expect(again).toMatchObject({ id: first?.id, attempt: 2, inDoubt: false });
    });

    it("when a re-delivery has a newer notice about the same entity queued for its channel, it is dropped as superseded", async () => {
      await subscribe(1, kyiv);
      await subscribe(2, kyiv);
      const old = await announce("us-embassy-kyiv", undefined, "k2");
      const [one, two] = (await claim(t0)).sort((a, b) => a.channel.id.localeCompare(b.channel.id)) as [
        ClaimedDelivery,
        ClaimedDelivery,
      ];
      await store.markSent(two, { at: at(1) });
      expect(await store.dropIfSuperseded(one, at(2))).toBe(false);
      const newer = await announce("us-embassy-kyiv", undefined, "k3");
      await announce("other-entity");
      expect(await store.dropIfSuperseded(one, at(3))).toBe(true);
      const after = await claim(t0 + 5_000);
      expect(after.map((delivery) => [delivery.channel.id, delivery.noticeId]).sort()).toEqual([
        ["C00001", newer.notice.id],
        ["C00002", newer.notice.id],
      ]);
      expect(after.some((delivery) => delivery.noticeId === old.notice.id)).toBe(false);
    });

    it("when slots of a shared budget are booked, each booking starts where the last one ended", async () => {
      expect(await store.reserveSlots("discord:global", 5, 20, t0)).toBe(t0);
      expect(await store.reserveSlots("discord:global", 2, 20, t0 + 10)).toBe(t0 + 100);
      expect(await store.reserveSlots("slack:global", 1, 100, t0 + 10)).toBe(t0 + 10);
      expect(await store.reserveSlots("discord:global", 1, 20, t0 + 10_000)).toBe(t0 + 10_000);
    });

    it("when a budget is held until a time, no booking starts before it, and a hold never moves it back", async () => {
      await store.holdBudget("discord:global", t0 + 1_000);
      expect(await store.reserveSlots("discord:global", 2, 20, t0)).toBe(t0 + 1_000);
      // Booked to t0 + 1,040 now: an earlier hold leaves the bookings where they are.
      await store.holdBudget("discord:global", t0 + 500);
      expect(await store.reserveSlots("discord:global", 1, 20, t0)).toBe(t0 + 1_040);
      await store.holdBudget("slack:global", t0 + 2_000);
      expect(await store.reserveSlots("slack:global", 1, 100, t0 + 2_500)).toBe(t0 + 2_500);
    });

    it("when an inbound event id comes twice within its time to live, the second is reported as seen", async () => {
      expect(await store.seenEvent("Ev1", t0, 60_000)).toBe(false);
      expect(await store.seenEvent("Ev1", t0 + 1_000, 60_000)).toBe(true);
      expect(await store.seenEvent("Ev2", t0 + 1_000, 60_000)).toBe(false);
      expect(await store.seenEvent("Ev1", t0 + 61_000, 60_000)).toBe(false);
    });

    it("when an update is held for its confirm, it is taken once, the latest held replaces the earlier, and an expired one is gone", async () => {
      await store.holdUpdate("slack:C1:slack:U1", '{"n":1}', t0 + 60_000);
      await store.holdUpdate("slack:C1:slack:U1", '{"n":2}', t0 + 60_000);
      await store.holdUpdate("slack:C2:slack:U1", '{"n":3}', t0 + 60_000);
      expect(await store.takeHeldUpdate("slack:C1:slack:U1", t0 + 1_000)).toBe('{"n":2}');
      expect(await store.takeHeldUpdate("slack:C1:slack:U1", t0 + 1_000)).toBeNull();
      expect(await store.takeHeldUpdate("slack:C2:slack:U1", t0 + 61_000)).toBeNull();
    });

    it("when read for a sync, the announcements and chat updates come together", async () => {
      const update = {
        id: "u1",
        entityId: "us-embassy-kyiv",
        state: "closed" as const,
        reason: "Alert",
        by: alice,
        at: at(1).toISOString(),
      };
      await store.addChatUpdate(update);
      const view = await store.syncView();
      expect(view.chatUpdates).toEqual([update]);
      expect(view.announcements.baselineAt).toBe(at(0).toISOString());
      expect(view.announcements.statuses.get("us-embassy-kyiv")?.key).toBe("k1");
    });
  });
}
