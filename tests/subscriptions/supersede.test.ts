import { afterEach, describe, expect, it } from "vitest";
import type { ClaimedDelivery } from "../../src/delivery/outbox.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import { SubscriptionSystem } from "../../src/subscriptions/system.ts";
import { alice, channel, FakePoster, ManualClock, silentLogger, snapshot, tempDir } from "./fixtures.ts";

/** The real store, except that recording one post as sent fails as a full disk would. */
function failingMarkSent(store: SubscriptionStore, failures: number): SubscriptionStore {
  let left = failures;
  return new Proxy(store, {
    get(target, property) {
      if (property === "markSent" && left > 0)
        return async (_delivery: ClaimedDelivery) => {
          left -= 1;
          throw new Error("SQLITE_FULL: database or disk is full");
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("when marking a post sent fails and a newer notice about the entity follows", () => {
  const dir = tempDir();
  afterEach(() => dir.cleanup());

  it("the older notice is not posted again after its lease: it is dropped as superseded, and counted", async () => {
    const clock = new ManualClock();
    const poster = new FakePoster({ clock: clock.ms });
    const real = openSqliteSubscriptionStore(dir.dbPath);
    const statuses = { current: [snapshot({ entityId: "kyiv", state: "open", since: "2024-02-01" })] };
    const system = await SubscriptionSystem.open({
      store: failingMarkSent(real, 1),
      posters: [poster],
      logger: silentLogger,
      statuses: () => statuses.current,
      clock: clock.date,
      sleep: clock.sleep,
      random: () => 0.5,
    });
    try {
      await system.subscribe(channel(1), { kind: "entity", entityId: "kyiv" }, alice, clock.date());
      await system.sync();
      statuses.current = [snapshot({ entityId: "kyiv", state: "limited", since: "2024-11-20" })];
      const limited = (await system.sync()).notices[0];
      await expect(system.drain()).rejects.toThrow(/disk is full/);
      expect(poster.sent().map((call) => call.noticeId)).toEqual([limited?.id]);

      statuses.current = [snapshot({ entityId: "kyiv", state: "open", since: "2024-11-22" })];
      const reopened = (await system.sync()).notices[0];
      clock.now += 60_000;
      const report = await system.drain();

      expect(report.superseded).toBe(1);
      expect(poster.sent().map((call) => call.noticeId)).toEqual([limited?.id, reopened?.id]);
      const [view] = await system.subscriptionsOf(channel(1));
      expect(view?.lastDelivered?.noticeId).toBe(reopened?.id);
    } finally {
      await system.stop();
      await real.close();
    }
  });

  it("without a newer notice, the same post is sent again: at least once, one duplicate at most", async () => {
    const clock = new ManualClock();
    const poster = new FakePoster({ clock: clock.ms });
    const real = openSqliteSubscriptionStore(dir.dbPath);
    const statuses = { current: [snapshot({ entityId: "kyiv", state: "open", since: "2024-02-01" })] };
    const system = await SubscriptionSystem.open({
      store: failingMarkSent(real, 1),
      posters: [poster],
      logger: silentLogger,
      statuses: () => statuses.current,
      clock: clock.date,
      sleep: clock.sleep,
      random: () => 0.5,
    });
    try {
      await system.subscribe(channel(1), { kind: "entity", entityId: "kyiv" }, alice, clock.date());
      await system.sync();
      statuses.current = [snapshot({ entityId: "kyiv", state: "limited", since: "2024-11-20" })];
      const limited = (await system.sync()).notices[0];
      await expect(system.drain()).rejects.toThrow(/disk is full/);
      clock.now += 60_000;
      const report = await system.drain();
      expect(report).toMatchObject({ sent: 1, superseded: 0 });
      expect(poster.sent().map((call) => call.noticeId)).toEqual([limited?.id, limited?.id]);
    } finally {
      await system.stop();
      await real.close();
    }
  });
});
