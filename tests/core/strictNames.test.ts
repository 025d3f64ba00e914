import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import { silentLogger } from "../subscriptions/fixtures.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-11-22T09:00:00Z");

/** Names the base lacks: other countries' embassies, other cities, made-up places and stray questions. */
const ABSENT = [
  "the embassy of the united kingdom",
  "embassy of narnia",
  "what is the weather in kyiv?",
  "french embassy",
  "the French embassy in Kyiv",
  "German embassy",
  "embassy of Germany in Kyiv",
  "British embassy in Kyiv",
  "Polish embassy",
  "Japanese embassy in Kyiv",
  "Canadian embassy",
  "US embassy in London",
  "US embassy in Moscow",
  "American embassy in Paris",
  "Italian embassy in Rome",
  "Spanish embassy in Madrid",
  "Lviv",
  "Odesa",
  "Warsaw",
  "Atlantis",
  "El Dorado",
  "Gondor embassy",
  "embassy",
  "kyiv embassy please",
  "status of the us embassy",
  "the us embassy in kyiv and the italian embassy",
  "all embassies",
  "@everyone",
  "<!channel>",
  "'; DROP TABLE subscriptions; --",
];

function recordingPoster(): Poster & { notices: StatusChangeNotice[] } {
  const notices: StatusChangeNotice[] = [];
  return {
    platform: "shell",
    pacing: { perChannelIntervalMs: 0, globalPerSecond: 1000 },
    notices,
    async post(_channel, notice) {
      notices.push(notice);
      return { kind: "sent" };
    },
  };
}

const request = (text: string) => ({
  text,
  channel: { platform: "shell" as const, id: "terminal" },
  user: { platform: "shell" as const, id: "curator" },
  canManageSubscriptions: true,
  now: NOW,
});

describe("update, subscribe and unsubscribe act only on names the base has", () => {
  let bot: Briefbot;
  const poster = recordingPoster();
  beforeAll(async () => {
    bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath: ":memory:",
      admins: [],
      logger: silentLogger,
      posters: [poster],
      clock: () => NOW,
    });
    await bot.start();
    // One channel already follows everything, so a wrong update would queue a notice.
    expect(await bot.handle(request("subscribe all"))).toMatchObject({ code: "subscribed" });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it(`declines ${ABSENT.length} names the base lacks, through update and subscribe, and changes nothing`, async () => {
    expect(ABSENT.length).toBeGreaterThanOrEqual(20);
    const before = await bot.subscriptions.subscriptionsOf(request("").channel);
    for (const name of ABSENT) {
      for (const line of [`update ${name} open Reopened today`, `subscribe ${name}`, `unsubscribe ${name}`]) {
        const reply = await bot.handle(request(line));
        expect(reply.kind, line).toBe("result");
        expect(reply.kind === "result" && reply.ok, line).toBe(false);
        expect(reply.kind === "result" && reply.code, line).toMatch(/^(unknown-entity|ambiguous|usage)$/);
        expect(reply.text, line).toContain("Nothing changed");
        expect(reply.text, line).not.toMatch(/@everyone|<!channel>/);
      }
      expect(await bot.handle(request("confirm")), name).toMatchObject({ ok: false });
    }
    expect(bot.subscriptions.chatUpdates()).toEqual([]);
    expect(await bot.subscriptions.subscriptionsOf(request("").channel)).toEqual(before);
    await bot.subscriptions.drain();
    expect(poster.notices).toEqual([]);
  });

  it("offers the closest tracked names for an embassy it does not track", async () => {
    const reply = await bot.handle(request("subscribe embassy of narnia"));
    expect(reply.text).toMatch(
      /^I don't track "embassy of narnia"\. Closest: .*Embassy in Kyiv.*\. Nothing changed\.$/,
    );
  });

  it("offers a small slip back as the command to confirm it, and acts on exact names, ids and aliases", async () => {
    const slip = await bot.handle(request("subscribe italian embasy"));
    expect(slip.text).toBe(
      'I don\'t track "italian embasy". Did you mean Italian Embassy in Kyiv? To confirm, send: subscribe italy-embassy-kyiv. Nothing changed.',
    );
    for (const name of [
      "italy-embassy-kyiv",
      "Italian Embassy in Kyiv",
      "the italian embassy",
      "ITALY'S EMBASSY",
    ]) {
      const reply = await bot.handle(request(`subscribe ${name}`));
      expect(reply, name).toMatchObject({ ok: true });
      expect(reply.text, name).toMatch(/follows Italian Embassy in Kyiv/);
    }
    expect(await bot.handle(request("unsubscribe U.S. embassy"))).toMatchObject({ code: "not-subscribed" });
    expect(await bot.handle(request("unsubscribe italian embassy"))).toMatchObject({ code: "unsubscribed" });
  });

  it("says how many channels an update would notify, and records it only on confirm", async () => {
    const asked = await bot.handle(request("update us embassy kyiv open Staff back at work"));
    expect(asked).toMatchObject({ code: "confirm" });
    expect(asked.text).toMatch(/^This will post a notice to 1 channel: US Embassy in Kyiv is now open\./);
    expect(bot.subscriptions.chatUpdates()).toEqual([]);
    const done = await bot.handle(request("confirm"));
    expect(done).toMatchObject({ code: "updated", ok: true });
    await bot.subscriptions.drain();
    expect(poster.notices.map((n) => n.entity.id)).toEqual(["us-embassy-kyiv"]);
  });
});

describe("a question longer than a chat message should be", () => {
  it("is declined with the limit instead of being cut silently", async () => {
    const bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath: ":memory:",
      admins: [],
      logger: silentLogger,
      posters: [],
      clock: () => NOW,
    });
    try {
      const reply = await bot.handle(request(`is the us embassy in kyiv open ${"please ".repeat(70)}`));
      expect(reply).toMatchObject({ kind: "result", ok: false, code: "usage" });
      expect(reply.text).toBe(
        "That question is longer than 500 characters. Please ask it in fewer words, e.g. is the US embassy in Kyiv open?",
      );
      expect(
        await bot.handle(request(`is the us embassy in kyiv open ${"please ".repeat(60)}`)),
      ).toMatchObject({
        kind: "answer",
      });
    } finally {
      await bot.stop();
    }
  });
});
