import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/commands/reply.ts";
import type { ChatRequest } from "../../src/commands/request.ts";
import type { CommandSpec } from "../../src/commands/spec.ts";
import { subscriptionCommands } from "../../src/commands/subscriptions/subscriptionCommands.ts";
import { fakeServices, request } from "./commandServices.ts";
import { channel, FakePoster, ManualClock, snapshot, tempDir } from "./fixtures.ts";
import { type Harness, openHarness } from "./harness.ts";

const kyivOpen = snapshot({ entityId: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv", state: "open" });

describe("subscription commands", () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ManualClock;
  let harness: Harness;
  let services: ReturnType<typeof fakeServices>;
  const poster = () =>
    new FakePoster({
      behaviour: (target) =>
        target.id === "C00002" ? { kind: "permanent", reason: "is_archived" } : { kind: "sent" },
    });
  const spec = (id: string) =>
    subscriptionCommands(harness.system).find((command) => command.id === id) as CommandSpec;
  const run = (
    id: string,
    args: string,
    overrides: Partial<ChatRequest> = {},
    isAdmin = false,
  ): Promise<Reply> =>
    Promise.resolve(
      spec(id).run({ request: request(`${id} ${args}`, clock.date(), overrides), args, isAdmin, services }),
    );
  const followed = async (index = 1) =>
    (await harness.system.subscriptionsOf(channel(index))).map((view) => view.topic);

  beforeEach(async () => {
    dir = tempDir();
    clock = new ManualClock();
    services = fakeServices();
    harness = await openHarness(dir.dbPath, { posters: [poster()], clock });
    harness.statuses = [kyivOpen];
    await harness.system.sync(harness.statuses);
  });
  afterEach(async () => {
    await harness.close();
    dir.cleanup();
  });

  it("every command has a usage line, a description and one to three examples", () => {
    expect(subscriptionCommands(harness.system).map((command) => command.id)).toEqual([
      "subscribe",
      "unsubscribe",
      "subscriptions",
      "update",
      "confirm",
    ]);
    for (const command of subscriptionCommands(harness.system)) {
      expect(command.usage.startsWith(command.id)).toBe(true);
      expect(command.description.length).toBeGreaterThan(10);
      expect(command.examples.length).toBeGreaterThanOrEqual(1);
      expect(command.examples.length).toBeLessThanOrEqual(3);
      for (const example of command.examples) expect(example.startsWith(command.id)).toBe(true);
    }
    expect(spec("update").adminOnly).toBe(true);
  });

  it("when a channel manager says 'subscribe kyiv embassy', the channel follows the U.S. Embassy in Kyiv and the reply names it in full", async () => {
    const reply = await run("subscribe", "kyiv embassy");
    expect(reply).toMatchObject({ kind: "result", ok: true, code: "subscribed", visibility: "public" });
    expect(reply.text).toBe("This channel now follows U.S. Embassy in Kyiv. Changes will be posted here.");
    expect(services.resolved).toEqual([{ text: "kyiv embassy", withStatus: true }]);
    expect(await followed()).toEqual([{ kind: "entity", entityId: "us-embassy-kyiv" }]);
    expect(await run("subscribe", "kyiv embassy")).toMatchObject({ code: "already-subscribed" });
  });

  it("when 'subscribe embassy' could mean two embassies, the reply asks which and nothing is followed", async () => {
    const reply = await run("subscribe", "embassy");
    expect(reply).toMatchObject({ ok: false, code: "ambiguous", visibility: "private" });
    expect(reply.text).toContain("U.S. Embassy in Kyiv or Italian Embassy in Kyiv");
    expect(await followed()).toEqual([]);
  });

  it("when the entity is misspelt, the reply offers 'did you mean' and nothing is followed", async () => {
    const reply = await run("subscribe", "kyvi embasy");
    expect(reply).toMatchObject({ ok: false, code: "unknown-entity" });
    expect(reply.text).toBe('I don\'t track "kyvi embasy". Closest: U.S. Embassy in Kyiv. Nothing changed.');
    const slip = await run("subscribe", "kyiv embasy");
    expect(slip.text).toBe(
      'I don\'t track "kyiv embasy". Did you mean U.S. Embassy in Kyiv? To confirm, send: subscribe us-embassy-kyiv. Nothing changed.',
    );
    expect(await run("subscribe", "italian embassy")).toMatchObject({ code: "unknown-entity" });
    expect(await followed()).toEqual([]);
  });

  it("when 'subscribe' comes without an argument, the reply is the usage line", async () => {
    expect(await run("subscribe", "")).toMatchObject({
      ok: false,
      code: "usage",
      text: "Usage: subscribe <entity | all>",
    });
    expect(await followed()).toEqual([]);
  });

  it("when someone who may not manage the channel subscribes or unsubscribes, they are refused privately", async () => {
    await run("subscribe", "all");
    for (const [id, args] of [
      ["subscribe", "kyiv embassy"],
      ["unsubscribe", "all"],
    ] as const) {
      const reply = await run(id, args, { canManageSubscriptions: false });
      expect(reply).toMatchObject({ ok: false, code: "forbidden", visibility: "private" });
    }
    expect(await followed()).toEqual([{ kind: "all" }]);
  });

  it("when a channel follows all and one entity, 'unsubscribe kyiv embassy' keeps all and 'unsubscribe all' drops the rest", async () => {
    await run("subscribe", "all");
    await run("subscribe", "kyiv embassy");
    expect(await run("unsubscribe", "kyiv embassy")).toMatchObject({
      code: "unsubscribed",
      text: "This channel no longer follows U.S. Embassy in Kyiv.",
    });
    expect(await followed()).toEqual([{ kind: "all" }]);
    expect(await run("unsubscribe", "all")).toMatchObject({ code: "unsubscribed" });
    expect(await run("unsubscribe", "all")).toMatchObject({ ok: false, code: "not-subscribed" });
    expect(await followed()).toEqual([]);
  });

  it("when 'subscriptions' is asked after a notice, it shows the topic, since when, by whom and the last notice", async () => {
    await run("subscribe", "kyiv embassy");
    clock.now += 3_600_000;
    await harness.system.sync([
      snapshot({ entityId: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv", state: "closed" }),
    ]);
    await harness.system.drain();
    const reply = await run("subscriptions", "");
    if (reply.kind !== "subscriptions") throw new Error(`expected a subscriptions reply, got ${reply.kind}`);
    const [view] = reply.subscriptions;
    expect(view).toMatchObject({
      topicName: "U.S. Embassy in Kyiv",
      createdBy: { name: "Alice" },
      createdAt: "2024-11-20T09:00:00.000Z",
    });
    expect(view?.lastDelivered?.at).toBe("2024-11-20T10:00:00.000Z");
    expect(reply.text).toBe(
      "This channel follows:\n- U.S. Embassy in Kyiv: since 20 Nov 2024 09:00 UTC by Alice; last notice 20 Nov 2024 10:00 UTC",
    );
  });

  it("when posting to an archived channel failed, 'subscriptions' shows the suspension and its reason, and subscribing again resumes it", async () => {
    const archived = { channel: channel(2) };
    await run("subscribe", "all", archived);
    await harness.system.sync([
      snapshot({ entityId: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv", state: "closed" }),
    ]);
    await harness.system.drain();
    const reply = await run("subscriptions", "", archived);
    if (reply.kind !== "subscriptions") throw new Error(`expected a subscriptions reply, got ${reply.kind}`);
    expect(reply.subscriptions[0]?.suspended?.reason).toBe("is_archived");
    expect(reply.text).toContain(
      "SUSPENDED since 20 Nov 2024 09:00 UTC: is_archived (subscribe again to resume)",
    );
    expect(reply.text).toContain("no notice delivered yet");
    expect(await run("subscribe", "all", archived)).toMatchObject({
      code: "subscribed",
      text: "This channel follows every tracked status again; posting had been suspended.",
    });
    expect((await harness.system.subscriptionsOf(channel(2)))[0]?.suspended).toBeUndefined();
  });

  it("when the channel follows nothing, 'subscriptions' says so and how to start", async () => {
    const reply = await run("subscriptions", "");
    expect(reply).toMatchObject({ kind: "subscriptions", subscriptions: [] });
    expect(reply.text).toBe('This channel follows nothing. Try "subscribe all" or "subscribe <entity>".');
  });
});
