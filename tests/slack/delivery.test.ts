import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPostingClient, SlackPoster } from "../../adapters/slack/poster.ts";
import type { ChannelRef, UserRef } from "../../src/commands/request.ts";
import type { StatusReport } from "../../src/engine/answer.ts";
import type { StatusSnapshot } from "../../src/engine/snapshot.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import { SubscriptionSystem } from "../../src/subscriptions/system.ts";
import { BOT_TOKEN, FakeSlack, TEAM_ID } from "./support/fakeSlack.ts";
import { answers } from "./support/fixtures.ts";
import { silentLogger } from "./support/startAdapter.ts";

const KYIV = "us-embassy-kyiv";
const desk: ChannelRef = { platform: "slack", id: `${TEAM_ID}:C061EG9SL`, name: "security-desk" };
const travel: ChannelRef = { platform: "slack", id: `${TEAM_ID}:C0TRAVEL01`, name: "travel-team" };
const dana: UserRef = { platform: "slack", id: "U2147483697", name: "dana" };

function snapshot(report: StatusReport): StatusSnapshot {
  return {
    entityId: report.entity.id,
    key: `${report.state}|${report.since.date}|${report.source.id}`,
    report,
  };
}

const closed = snapshot(answers.kyivClosed().status as StatusReport);
const reopened = snapshot({
  ...closed.report,
  state: "open",
  since: { date: "2024-12-02", precision: "day" },
  asOf: { date: "2024-12-02", precision: "day" },
  reason: "Staff returned and consular services resumed",
});

let fake: FakeSlack;
let dir: string;
let store: SubscriptionStore;
let system: SubscriptionSystem;

/** The real subscription system and SQLite outbox, posting through the Slack poster to the fake. */
beforeEach(async () => {
  fake = await FakeSlack.start();
  dir = mkdtempSync(join(tmpdir(), "briefbot-slack-"));
  store = openSqliteSubscriptionStore(join(dir, "briefbot.db"));
  const poster = new SlackPoster(createPostingClient(BOT_TOKEN, fake.apiUrl, silentLogger), silentLogger);
  let statuses = [closed];
  system = await SubscriptionSystem.open({
    store,
    posters: [poster],
    logger: silentLogger,
    statuses: () => statuses,
    clock: () => new Date(),
    random: () => 0.5,
    dispatch: { retry: { baseMs: 10, maxMs: 50 } },
  });
  await system.sync(statuses);
  for (const channel of [desk, travel]) {
    await system.subscribe(channel, { kind: "entity", entityId: KYIV }, dana, new Date());
  }
  statuses = [reopened];
  const report = await system.sync(statuses);
  expect(report.deliveries).toBe(2);
});

afterEach(async () => {
  await system.stop();
  await store.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function postsTo(channelId: string) {
  return fake.callsOf("chat.postMessage").filter((call) => call.args.channel === channelId);
}

describe("when a status changes and two Slack channels follow it", () => {
  it("posts the notice once to each, in Block Kit with a plain fallback", async () => {
    const report = await system.drain();
    expect(report.sent).toBe(2);
    for (const channelId of ["C061EG9SL", "C0TRAVEL01"]) {
      const [post, ...extra] = postsTo(channelId);
      expect(extra).toHaveLength(0);
      expect(post?.token).toBe(BOT_TOKEN);
      expect(post?.args.text).toContain("US Embassy in Kyiv is now open (was closed)");
      expect(JSON.stringify(post?.args.blocks)).toContain("*:large_green_circle: Open* (was Closed)");
    }
  });
});

describe("when Slack answers 429 with Retry-After: 1", () => {
  it("delivers the notice once, no sooner than a second later", async () => {
    fake.script("chat.postMessage", { status: 429, headers: { "Retry-After": "1" } });
    const report = await system.drain();

    expect(report.sent).toBe(2);
    expect(report.retried).toBe(1);
    const calls = fake.callsOf("chat.postMessage");
    expect(calls).toHaveLength(3);
    const limited = calls[0];
    const retried = calls.slice(1).find((call) => call.args.channel === limited?.args.channel);
    expect(retried).toBeDefined();
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(postsTo("C061EG9SL").length + postsTo("C0TRAVEL01").length).toBe(3);
    const [deskView] = await system.subscriptionsOf(desk);
    const [travelView] = await system.subscriptionsOf(travel);
    expect(deskView?.lastDelivered).toBeDefined();
    expect(travelView?.lastDelivered).toBeDefined();
  });
});

describe("when a followed channel has been archived", () => {
  it("suspends that channel's subscription with the reason and keeps delivering to the other", async () => {
    fake.script("chat.postMessage", { body: { ok: false, error: "is_archived" } });
    const report = await system.drain();

    expect(report).toMatchObject({ sent: 1, suspended: 1, retried: 0 });
    const archived = fake.callsOf("chat.postMessage")[0]?.args.channel;
    const archivedRef = archived === "C061EG9SL" ? desk : travel;
    const otherRef = archived === "C061EG9SL" ? travel : desk;
    expect(postsTo(String(archived))).toHaveLength(1);
    const [suspended] = await system.subscriptionsOf(archivedRef);
    expect(suspended?.suspended?.reason).toBe("is_archived");
    const [active] = await system.subscriptionsOf(otherRef);
    expect(active?.suspended).toBeUndefined();
    expect(active?.lastDelivered).toBeDefined();
  });
});
