import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { KNOWLEDGE_DIR, scratchCopy } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-11-22T09:00:00Z");

/** What the reload line says of the Kyiv base as it stands. */
const kyiv = loadKnowledgeBase(KNOWLEDGE_DIR);
if (!kyiv.ok) throw new Error("the Kyiv base does not load");
const COUNTS = `knowledge reloaded: ${kyiv.base.entities.size} entities, ${kyiv.base.facts.length} facts`;

/** A bot over a scratch copy of the knowledge, logging at `level` into `lines` (parsed JSON). */
async function botLoggingAt(level: string, knowledgeDir: string, dbPath: string) {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const bot = await createBriefbot({
    knowledgeDir,
    dbPath,
    admins: [],
    logger,
    posters: [],
    clock: () => NOW,
  });
  return { bot, lines };
}

describe("a knowledge file that is fixed while the bot runs", () => {
  const scratch = scratchCopy();
  const timelines = path.join(scratch.knowledgeDir, "timelines.yaml");
  const original = readFileSync(timelines, "utf8");
  let bot: Briefbot | undefined;
  afterEach(async () => {
    await bot?.stop();
    writeFileSync(timelines, original);
  });

  it("logs that the knowledge was reloaded, with its counts, at the level its rejection was logged", async () => {
    const started = await botLoggingAt("info", scratch.knowledgeDir, scratch.dbPath);
    bot = started.bot;
    writeFileSync(timelines, original.replace(/state: closed/, "state: shut"));
    expect((await bot.reload()).ok).toBe(false);
    writeFileSync(timelines, original);
    expect((await bot.reload()).ok).toBe(true);
    expect((await bot.reload()).ok).toBe(true);
    const reloaded = started.lines.filter((line) => line.msg.startsWith("knowledge reloaded"));
    expect(reloaded.map((line) => [line.level, line.msg])).toEqual([
      [40, COUNTS],
      [30, COUNTS],
    ]);
  });

  it("is said once where only warnings are shown (the shell at a terminal)", async () => {
    const started = await botLoggingAt("warn", scratch.knowledgeDir, `${scratch.dbPath}-2`);
    bot = started.bot;
    await bot.reload();
    writeFileSync(timelines, original.replace(/state: closed/, "state: shut"));
    await bot.reload();
    writeFileSync(timelines, original);
    await bot.reload();
    await bot.reload();
    expect(started.lines.map((line) => line.msg)).toEqual([
      expect.stringMatching(
        /^knowledge rejected: .*timelines\.yaml:\d+ timelines\[\d+\]\.events\[\d+\]\.state/,
      ),
      "keeping the last good knowledge base",
      COUNTS,
    ]);
  });
});
