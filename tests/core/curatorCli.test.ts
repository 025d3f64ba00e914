import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createBriefbot } from "../../src/bot.ts";
import { runBrief } from "../../src/cli/brief.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-curator-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function briefHere(args: string[], dbPath: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += chunk;
  });
  stderr.on("data", (chunk) => {
    err += chunk;
  });
  const env = {
    PATH: process.env.PATH ?? "",
    BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
    BRIEFBOT_DB_PATH: dbPath,
    DATABASE_URL: "",
    BRIEFBOT_CURATOR_RETENTION_DAYS: "30",
  };
  const code = await runBrief(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: out, stderr: err };
}

describe("brief gaps and brief feedback in the terminal", () => {
  it("list what the running bot recorded, read from its store while it runs", async () => {
    const dbPath = path.join(scratch, "bot.db");
    const bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath,
      admins: [],
      logger: pino({ level: "silent" }),
      posters: [],
      retentionDays: 30,
    });
    try {
      await bot.start();
      const now = new Date("2024-11-21T10:00:00Z");
      const from = (id: string) => ({
        channel: { platform: "slack" as const, id: "T1:C1" },
        user: { platform: "slack" as const, id },
        canManageSubscriptions: true,
        now,
      });
      await bot.handle({ ...from("U1"), text: "is the french embassy in kyiv open?" });
      await bot.handle({ ...from("U2"), text: "Is the French embassy in Kyiv open" });
      const answer = await bot.handle({ ...from("U3"), text: "what should us citizens in kyiv do" });
      if (answer.kind !== "answer" || !answer.feedbackId) throw new Error("expected an answer with feedback");
      await bot.feedback({
        answerId: answer.feedbackId,
        user: { platform: "slack", id: "U3" },
        vote: "wrong",
        now,
      });

      const gaps = await briefHere(["gaps"], dbPath);
      expect(gaps.code).toBe(0);
      expect(gaps.stdout).toContain(`could not answer, most asked first (last 30 days; 1 group):`);
      expect(gaps.stdout).toContain('1. 2× "is the french embassy in kyiv open"');
      expect(gaps.stderr).toContain(`reading the store at ${dbPath}`);

      const feedback = await briefHere(["feedback"], dbPath);
      expect(feedback.code).toBe(0);
      expect(feedback.stdout).toContain("1 wrong, 0 helpful in the last 30 days");
      expect(feedback.stdout).toContain('"what should us citizens in kyiv do"');
      expect(feedback.stdout).toContain("look at: facts us-citizens-advised-shelter-on-air-alert");
    } finally {
      await bot.stop();
    }
  });

  it("say there is nothing yet where the bot has never run, and refuse an argument with one line", async () => {
    const none = await briefHere(["gaps"], path.join(scratch, "never.db"));
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(
      /^No unanswered questions for base version [0-9a-f]{12} in the last 30 days\.$/m,
    );
    expect(none.stderr).toContain("yet, so nothing is recorded");
    const wrong = await briefHere(["feedback", "all"], path.join(scratch, "never.db"));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('brief feedback: takes no arguments (got "all"); run brief feedback --help\n');
  });
});
