import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-11-22T09:00:00Z");

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

describe("reloading the knowledge base while running", () => {
  const scratch = scratchCopy();
  const timelines = path.join(scratch.knowledgeDir, "timelines.yaml");
  let bot: Briefbot | undefined;
  afterEach(async () => {
    await bot?.stop();
    scratch.cleanup();
  });

  it("a broken edit is rejected with file, field and line and the last good base keeps answering; a good edit is swapped in and announced once", async () => {
    const problems: string[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => problems.push(line) });
    const poster = recordingPoster();
    bot = await createBriefbot({
      knowledgeDir: scratch.knowledgeDir,
      dbPath: scratch.dbPath,
      admins: [],
      logger,
      posters: [poster],
      clock: () => NOW,
    });
    await bot.start();
    await bot.handle(request("subscribe all"));

    const original = readFileSync(timelines, "utf8");
    writeFileSync(timelines, original.replace(/state: closed/, "state: shut"));
    const broken = await bot.reload();
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({
      file: expect.stringContaining("timelines.yaml"),
      field: expect.stringMatching(/^timelines\[\d+\]\.events\[\d+\]\.state$/),
    });
    expect(broken.problems[0]?.line).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(/timelines\.yaml:\d+ timelines\[\d+\]\.events\[\d+\]\.state/);
    expect(bot.ask("is the us embassy in kyiv open").status?.state).toBe("closed");

    writeFileSync(timelines, original);
    expect((await bot.reload()).ok).toBe(true);
    await bot.subscriptions.drain();
    expect(poster.notices).toHaveLength(0);

    const reopened = original.replace(
      /(entity: us-embassy-kyiv\s+events:\s+)/,
      `$1- state: open\n        effective: { date: "2024-12", precision: month }\n        reason: Test reopening.\n        source: test-2024-12-reopening\n        paragraph: 1\n      `,
    );
    // The reopening cites a later report: an event may not take effect after its source was published.
    writeFileSync(
      path.join(scratch.knowledgeDir, "zz-later-source.yaml"),
      'sources:\n  - id: test-2024-12-reopening\n    publisher: Test Wire\n    headline: Embassy reopens\n    published: { date: "2024-12-05", precision: day }\n',
    );
    expect(reopened).not.toBe(original);
    writeFileSync(timelines, reopened);
    expect((await bot.reload()).ok).toBe(true);
    await bot.subscriptions.drain();
    expect(poster.notices.map((n) => [n.entity.id, n.from, n.to])).toEqual([
      ["us-embassy-kyiv", "closed", "open"],
    ]);

    writeFileSync(timelines, reopened);
    await bot.reload();
    await bot.subscriptions.drain();
    expect(poster.notices).toHaveLength(1);
  });
});
