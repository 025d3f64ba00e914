import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/commands/reply.ts";
import type { CommandSpec } from "../../src/commands/spec.ts";
import { subscriptionCommands } from "../../src/commands/subscriptions/subscriptionCommands.ts";
import type { StatusSnapshot } from "../../src/engine/snapshot.ts";
import { fakeServices, request } from "./commandServices.ts";
import { alice, FakePoster, ManualClock, snapshot, tempDir } from "./fixtures.ts";
import { type Harness, openHarness } from "./harness.ts";

const kyivOpen = snapshot({
  entityId: "us-embassy-kyiv",
  name: "U.S. Embassy in Kyiv",
  state: "open",
  since: "2024-02-01",
});

describe("the update command", () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let harness: Harness;
  let poster: FakePoster;
  const command = (id: string, args: string, isAdmin: boolean): Promise<Reply> => {
    const spec = subscriptionCommands(harness.system).find((c) => c.id === id) as CommandSpec;
    return Promise.resolve(
      spec.run({
        request: request(`${id} ${args}`, clock.date()),
        args,
        isAdmin,
        services: fakeServices(),
      }),
    );
  };
  const run = (args: string, isAdmin = true) => command("update", args, isAdmin);
  const confirm = (isAdmin = true) => command("confirm", "", isAdmin);

  beforeEach(async () => {
    dir = tempDir();
    clock = new ManualClock(Date.parse("2024-11-21T08:30:00Z"));
    poster = new FakePoster({});
    harness = await openHarness(dir.dbPath, { posters: [poster], clock });
    const system = harness.system;
    Object.defineProperty(harness, "statuses", {
      get: (): StatusSnapshot[] => {
        const fromChat = system.chatUpdates().map((update) =>
          snapshot({
            entityId: update.entityId,
            name: update.entityId === "us-embassy-kyiv" ? "U.S. Embassy in Kyiv" : "Italian Embassy in Kyiv",
            state: update.state,
            since: update.at.slice(0, 10),
            reason: update.reason,
            publisher: `chat ${update.id}`,
            reportedBy: update.by.name,
            url: update.url,
          }),
        );
        return [kyivOpen, ...fromChat];
      },
    });
    await system.subscribe(request("", clock.date()).channel, { kind: "all" }, alice, clock.date());
    await system.sync(harness.statuses);
  });
  afterEach(async () => {
    await harness.close();
    dir.cleanup();
  });

  it("when an admin reports 'kyiv embassy closed' with a source, it is recorded with who and when, and the notice goes out", async () => {
    const asked = await run("kyiv embassy closed Air raid alert over the city https://example.org/alert");
    expect(asked).toMatchObject({ ok: true, code: "confirm", visibility: "private" });
    expect(asked.text).toBe(
      'This will post a notice to 1 channel: U.S. Embassy in Kyiv is now closed. Send "confirm" within 5 minutes to record it; nothing is recorded until then.',
    );
    expect(harness.system.chatUpdates()).toEqual([]);
    expect(await harness.store.chatUpdates()).toEqual([]);
    const reply = await confirm();
    expect(reply).toMatchObject({ ok: true, code: "updated", visibility: "public" });
    expect(reply.text).toBe("Recorded: U.S. Embassy in Kyiv is now closed. Notice queued for 1 channel.");
    expect(harness.system.chatUpdates()).toEqual([
      expect.objectContaining({
        entityId: "us-embassy-kyiv",
        state: "closed",
        reason: "Air raid alert over the city",
        url: "https://example.org/alert",
        by: alice,
        at: "2024-11-21T08:30:00.000Z",
      }),
    ]);
    expect(await harness.store.chatUpdates()).toEqual(harness.system.chatUpdates());
    await harness.system.drain();
    const [sent] = poster.sent();
    expect(sent?.channelId).toBe("C00001");
    const notice = await harness.store.notice(sent?.noticeId ?? "");
    expect(notice?.text).toBe(
      "U.S. Embassy in Kyiv is now closed (was open), effective 21 Nov 2024: Air raid alert over the city. Source: reported in chat by Alice (https://example.org/alert).",
    );
  });

  it("when an admin updates an entity that had no status yet, it becomes tracked and is announced", async () => {
    expect(await run("italian embassy limited Consular services only")).toMatchObject({ code: "confirm" });
    const reply = await confirm();
    expect(reply).toMatchObject({ code: "updated" });
    await harness.system.drain();
    expect(poster.sent()).toHaveLength(1);
  });

  it("when someone who is not an admin tries an update, they are refused and nothing is recorded", async () => {
    const reply = await run("kyiv embassy closed Air raid alert", false);
    expect(reply).toMatchObject({ ok: false, code: "not-admin", visibility: "private" });
    expect(reply.text).toBe("Only briefbot admins can record status updates.");
    expect(harness.system.chatUpdates()).toEqual([]);
  });

  it.each([
    ["no state", "kyiv embassy shut for the night"],
    ["no reason", "kyiv embassy closed"],
    ["no entity", "closed Air raid alert"],
    ["nothing", ""],
  ])("when the update has %s, the reply is the usage line and nothing is recorded", async (_, args) => {
    const reply = await run(args);
    expect(reply).toMatchObject({ ok: false, code: "usage" });
    expect(reply.text).toBe("Usage: update <entity> <open|closed|limited|suspended> <reason> [source URL]");
    expect(harness.system.chatUpdates()).toEqual([]);
  });

  it("when the entity is ambiguous, the reply asks which and nothing is recorded", async () => {
    expect(await run("embassy closed Air raid alert")).toMatchObject({ code: "ambiguous" });
    expect(harness.system.chatUpdates()).toEqual([]);
  });

  it("when the reported state is the current one, nothing is recorded or announced", async () => {
    expect(await run("kyiv embassy open Still open")).toMatchObject({ ok: true, code: "unchanged" });
    expect(harness.system.chatUpdates()).toEqual([]);
    await harness.system.drain();
    expect(poster.calls).toEqual([]);
  });

  it("when a reason is longer than 500 characters, it is refused with the limit and nothing is recorded", async () => {
    const reply = await run(`kyiv embassy closed ${"siren ".repeat(100)}`);
    expect(reply).toMatchObject({ ok: false, code: "usage" });
    expect(reply.text).toMatch(
      /^The reason is longer than 500 characters; please shorten it\. Nothing changed\./,
    );
    expect(await run(`kyiv embassy closed ${"a".repeat(500)}`)).toMatchObject({ code: "confirm" });
  });

  it("when 'confirm' comes from nobody who asked, too late, or a second time, nothing more is recorded", async () => {
    expect(await confirm()).toMatchObject({ ok: false, code: "usage" });
    expect(await run("kyiv embassy closed Air raid alert")).toMatchObject({ code: "confirm" });
    expect(await confirm(false)).toMatchObject({ code: "not-admin" });
    clock.now += 5 * 60_000 + 1;
    expect(await confirm()).toMatchObject({ ok: false, code: "usage" });
    expect(harness.system.chatUpdates()).toEqual([]);
    expect(await run("kyiv embassy closed Air raid alert")).toMatchObject({ code: "confirm" });
    expect(await confirm()).toMatchObject({ code: "updated" });
    expect(await confirm()).toMatchObject({ ok: false, code: "usage" });
    expect(harness.system.chatUpdates()).toHaveLength(1);
  });
});
