import { readFileSync, writeFileSync } from "node:fs";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import type { Reply } from "../../src/commands/reply.ts";
import { reviewScratch } from "../support/reviewFixture.ts";

let scratch: ReturnType<typeof reviewScratch>;
let bot: Briefbot;
const now = new Date("2026-01-21T10:00:00Z");

beforeEach(async () => {
  scratch = reviewScratch();
  bot = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    dbPath: scratch.dbPath,
    admins: [],
    curators: ["slack:UCURATOR"],
    logger: pino({ level: "silent" }),
    posters: [],
    clock: () => now,
  });
  await bot.start();
});
afterEach(async () => {
  await bot.stop();
  scratch.cleanup();
});

const say = (text: string, user = "UCURATOR"): Promise<Reply> =>
  bot.handle({
    text,
    channel: { platform: "slack", id: "T1:C1" },
    user: { platform: "slack", id: user, name: user.toLowerCase() },
    canManageSubscriptions: true,
    now,
  });

const idOf = (list: Reply, name: string) =>
  list.kind === "review" ? (list.items.find((i) => i.headline.startsWith(name))?.id ?? "") : "";

describe("review through the bot's command list", () => {
  it("a change nobody follows is approved at once and answered from; a fact too", async () => {
    // Nothing drafted is answered before approval.
    expect(bot.ask("who cleared the debris at the port of alby?").text).not.toContain("Ada Lind");
    expect(bot.ask("is the port of alby open?").text).toMatch(/^No/);
    const list = await say("review");
    expect(list).toMatchObject({ kind: "review", visibility: "private" });
    const approved = await say(`review approve ${idOf(list, "Port of Alby")}`);
    expect(approved).toMatchObject({ kind: "result", code: "approved", visibility: "public" });
    expect(approved.text).toContain("now in knowledge/coast-news-2026-01-20.yaml");
    expect(bot.ask("is the port of alby open?").text).toMatch(/^Yes/);
    const fact = await say(`review approve ${idOf(await say("review"), "fact about port-of-alby")}`);
    expect(fact).toMatchObject({ code: "approved" });
    expect(bot.ask("who cleared the debris at the port of alby?").text).toContain("Ada Lind");
  });

  it("an approval that would break the base is refused with the draft's file, field and line; answers do not change", async () => {
    const id = idOf(await say("review"), "Port of Alby");
    writeFileSync(
      scratch.draftFile,
      readFileSync(scratch.draftFile, "utf8").replace("state: open", "state: sailing"),
    );
    const refused = await say(`review approve ${id}`);
    expect(refused).toMatchObject({ kind: "result", ok: false, code: "invalid" });
    expect(refused.text).toMatch(/coast-news-2026-01-20\.yaml:\d+ timelines\[0\]\.events\[0\]: .*sailing/);
    expect(bot.ask("is the port of alby open?").text).toMatch(/^No/);
  });

  it("a reader gets one line; bad input gets the usage; an unknown id says so", async () => {
    expect(await say("review", "UREADER")).toMatchObject({ code: "not-curator" });
    expect(await say("review approve", "UCURATOR")).toMatchObject({ code: "usage" });
    expect(await say("review approve c0000000 extra")).toMatchObject({ code: "usage" });
    expect(await say("review reject c0000000")).toMatchObject({ code: "unknown-item" });
    expect(await say("confirm")).toMatchObject({ ok: false, code: "usage" });
  });
});
