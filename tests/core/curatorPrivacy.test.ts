import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createBriefbot } from "../../src/bot.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-curator-privacy-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const DAY_MS = 24 * 60 * 60_000;
const ASKER = "U0ASKER7Q2";

describe("what the curator's loop keeps, and for how long", () => {
  it("keeps no asker's id or name, only a one-way hash per vote, and removes what is past the retention period", async () => {
    const dbPath = path.join(scratch, "bot.db");
    let now = Date.parse("2026-03-01T09:00:00Z");
    const bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath,
      admins: [],
      logger: pino({ level: "silent" }),
      posters: [],
      retentionDays: 7,
      clock: () => new Date(now),
    });
    try {
      await bot.start();
      const request = (text: string) => ({
        text,
        channel: { platform: "slack" as const, id: "T1:C0NEWSDESK", name: "newsdesk" },
        user: { platform: "slack" as const, id: ASKER, name: "olena.k" },
        canManageSubscriptions: true,
        conversation: `slack:T1:C0NEWSDESK:${ASKER}`,
        now: new Date(now),
      });
      await bot.handle(request("is the british embassy in kyiv open?"));
      const answer = await bot.handle(request("who is bridget brink"));
      if (answer.kind !== "answer" || !answer.feedbackId) throw new Error("expected an answer with feedback");
      const user = { platform: "slack" as const, id: ASKER };
      await bot.feedback({ answerId: answer.feedbackId, user, vote: "wrong", now: new Date(now) });
      await bot.feedbackReason({
        answerId: answer.feedbackId,
        user,
        text: "out of date",
        now: new Date(now),
      });

      const db = new Database(dbPath, { readonly: true });
      const kept = JSON.stringify([
        db.prepare("SELECT * FROM question_gaps").all(),
        db.prepare("SELECT * FROM answers_shown").all(),
        db.prepare("SELECT * FROM answer_votes").all(),
      ]);
      const votes = db.prepare("SELECT voter_hash FROM answer_votes").pluck().all() as string[];
      db.close();
      expect(kept).toContain("is the british embassy in kyiv open");
      expect(kept).toContain("out of date");
      for (const personal of [ASKER, "olena", "newsdesk", "C0NEWSDESK"]) expect(kept).not.toContain(personal);
      expect(votes).toHaveLength(1);
      expect(votes[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);

      // Six days on, nothing has gone; eight days on, the bot's hourly pass removes all of it.
      now += 6 * DAY_MS;
      await bot.pruneCuratorRecords();
      expect(
        (await bot.handle({ ...request("gaps"), user: { platform: "shell", id: "me" } })).text,
      ).toContain('1× "is the british embassy in kyiv open"');
      now += 2 * DAY_MS;
      await bot.pruneCuratorRecords();
      const shell = { platform: "shell" as const, id: "me" };
      expect((await bot.handle({ ...request("gaps"), user: shell })).text).toMatch(
        /^No unanswered questions/,
      );
      expect((await bot.handle({ ...request("feedback"), user: shell })).text).toContain(
        "0 wrong, 0 helpful",
      );
      const late = await bot.feedback({
        answerId: answer.feedbackId,
        user,
        vote: "helpful",
        now: new Date(now),
      });
      expect(late).toEqual({
        outcome: "unknown",
        text: expect.stringContaining("older than the 7 days feedback is kept for"),
      });
    } finally {
      await bot.stop();
    }
  });
});
