import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alice, channel, FakePoster, snapshot, tempDir } from "./fixtures.ts";
import { type Harness, openHarness } from "./harness.ts";

const kyivOpen = snapshot({
  entityId: "us-embassy-kyiv",
  name: "U.S. Embassy in Kyiv",
  state: "open",
  since: "2024-02-01",
});
const kyivClosed = snapshot({
  entityId: "us-embassy-kyiv",
  name: "U.S. Embassy in Kyiv",
  state: "closed",
  since: "2024-11-20",
  reason: "Received specific information of a potential significant air attack.",
});
const italyOpen = snapshot({
  entityId: "italian-embassy-kyiv",
  name: "Italian Embassy in Kyiv",
  state: "open",
});

describe("status-change detection", () => {
  let dir: ReturnType<typeof tempDir>;
  let poster: FakePoster;
  let harness: Harness;
  const open = async () => openHarness(dir.dbPath, { posters: [poster] });

  beforeEach(async () => {
    dir = tempDir();
    poster = new FakePoster({});
    harness = await open();
    await harness.system.subscribe(
      channel(1),
      { kind: "entity", entityId: "us-embassy-kyiv" },
      alice,
      new Date(),
    );
  });
  afterEach(async () => {
    await harness.close();
    dir.cleanup();
  });

  it("when the bot syncs for the very first time, the current statuses become the baseline and nothing is posted", async () => {
    const report = await harness.system.sync([kyivClosed, italyOpen]);
    expect(report).toEqual({ baseline: true, notices: [], deliveries: 0 });
    await harness.system.drain();
    expect(poster.calls).toEqual([]);
  });

  it("when the first sync has no statuses at all, no baseline is taken, so the first real load is not announced", async () => {
    expect((await harness.system.sync([])).baseline).toBe(false);
    expect((await harness.system.sync([kyivClosed])).baseline).toBe(true);
    expect(poster.calls).toEqual([]);
  });

  it("when a channel follows the Kyiv embassy and it closes, the channel gets exactly one notice saying so", async () => {
    await harness.system.sync([kyivOpen, italyOpen]);
    const report = await harness.system.sync([kyivClosed, italyOpen]);
    expect(report.notices).toHaveLength(1);
    expect(report.deliveries).toBe(1);
    const [notice] = report.notices;
    expect(notice).toMatchObject({
      entity: { id: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv" },
      from: "open",
      to: "closed",
      effective: { date: "2024-11-20", precision: "day" },
      supersedes: null,
      source: { publisher: "The Washington Times" },
    });
    expect(notice?.text).toBe(
      "U.S. Embassy in Kyiv is now closed (was open), effective 20 Nov 2024: Received specific information of a potential significant air attack. Source: The Washington Times.",
    );
    await harness.system.drain();
    expect(poster.sent().map((call) => [call.channelId, call.noticeId])).toEqual([["C00001", notice?.id]]);
  });

  it("when the same statuses are synced again, nothing is announced", async () => {
    await harness.system.sync([kyivOpen]);
    await harness.system.sync([kyivClosed]);
    const again = await harness.system.sync([kyivClosed]);
    expect(again.notices).toEqual([]);
    await harness.system.drain();
    expect(poster.sent()).toHaveLength(1);
  });

  it("when the bot restarts over the same database with unchanged statuses, nothing is posted again", async () => {
    await harness.system.sync([kyivOpen]);
    await harness.system.sync([kyivClosed]);
    await harness.system.drain();
    await harness.close();
    harness = await open();
    expect((await harness.system.sync([kyivClosed])).notices).toEqual([]);
    await harness.system.drain();
    expect(poster.sent()).toHaveLength(1);
  });

  it("when the status changed while the bot was down, the change is posted once after the restart", async () => {
    await harness.system.sync([kyivOpen]);
    await harness.close();
    harness = await open();
    const first = await harness.system.sync([kyivClosed]);
    const second = await harness.system.sync([kyivClosed]);
    expect(first.notices.map((notice) => notice.to)).toEqual(["closed"]);
    expect(second.notices).toEqual([]);
    await harness.system.drain();
    expect(poster.sent()).toHaveLength(1);
  });

  it("when the status changes back, the new notice supersedes the previous one", async () => {
    await harness.system.sync([kyivOpen]);
    const closed = await harness.system.sync([kyivClosed]);
    const kyivReopened = snapshot({
      entityId: "us-embassy-kyiv",
      name: "U.S. Embassy in Kyiv",
      state: "open",
      since: "2024-11-21",
    });
    const reopened = await harness.system.sync([kyivReopened]);
    expect(reopened.notices[0]).toMatchObject({
      from: "closed",
      to: "open",
      supersedes: closed.notices[0]?.id,
    });
  });

  it("when an entity is tracked for the first time after the baseline, its notice says so and has no previous state", async () => {
    await harness.system.subscribe(channel(2), { kind: "all" }, alice, new Date());
    await harness.system.sync([kyivOpen]);
    const report = await harness.system.sync([kyivOpen, italyOpen]);
    expect(report.notices[0]).toMatchObject({ from: null, to: "open", supersedes: null });
    expect(report.notices[0]?.text).toMatch(
      /^Italian Embassy in Kyiv is open \(newly tracked\), effective 20 Nov 2024/,
    );
    expect(report.deliveries).toBe(1);
  });

  it("when two syncs with the same change run at once, the change is announced once", async () => {
    await harness.system.sync([kyivOpen]);
    const [a, b] = await Promise.all([harness.system.sync([kyivClosed]), harness.system.sync([kyivClosed])]);
    expect(a.notices.length + b.notices.length).toBe(1);
  });

  it("when an entity disappears from the statuses, nothing is announced, and its return unchanged announces nothing", async () => {
    await harness.system.sync([kyivOpen, italyOpen]);
    expect((await harness.system.sync([italyOpen])).notices).toEqual([]);
    expect((await harness.system.sync([kyivOpen, italyOpen])).notices).toEqual([]);
  });
});
