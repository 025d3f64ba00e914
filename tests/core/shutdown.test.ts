import { type ChildProcessByStdio, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import { runBriefbot } from "../support/runBriefbot.ts";
import { REPO_ROOT, scratchCopy } from "../support/tempKnowledge.ts";

const CHANNELS = 1_500;

interface Running {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  stdout: string;
  notices(): number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start` in the terminal, its input left open so it runs until signalled. */
function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", BRIEFBOT_WATCH: "off", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const running: Running = {
    child,
    stdout: "",
    notices: () => running.stdout.split("\n").filter((line) => line.startsWith("[status change]")).length,
    exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout.on("data", (chunk) => {
    running.stdout += String(chunk);
  });
  child.stderr.on("data", () => {});
  return running;
}

async function until(what: string, probe: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function deliveries(dbPath: string): { status: string; leased: number; n: number }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT status, sum(lease_until IS NOT NULL) AS leased, count(*) AS n FROM deliveries GROUP BY status ORDER BY status",
      )
      .all() as { status: string; leased: number; n: number }[];
  } finally {
    db.close();
  }
}

describe("SIGTERM in the middle of a fan-out", () => {
  const scratch = scratchCopy();
  afterAll(() => scratch.cleanup());
  const env = { BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir, BRIEFBOT_DB_PATH: scratch.dbPath };

  it(`stops within 10 s, and every one of ${CHANNELS} deliveries is sent or pending, then sent once after a restart`, async () => {
    expect((await runBriefbot("status", env)).code).toBe(0);
    const store = openSqliteSubscriptionStore(scratch.dbPath);
    const at = new Date();
    for (let i = 0; i < CHANNELS; i++)
      await store.subscribe({
        channel: { platform: "shell", id: `channel-${i}` },
        topic: { kind: "entity", entityId: "us-embassy-kyiv" },
        scope: "shell",
        by: { platform: "shell", id: "tester" },
        at,
      });
    await store.close();
    // A later report reopens the embassy: the next start announces it to every channel.
    writeFileSync(
      path.join(scratch.knowledgeDir, "zz-later-source.yaml"),
      'sources:\n  - id: test-2024-12-reopening\n    publisher: Test Wire\n    headline: Embassy reopens\n    published: { date: "2024-12-05", precision: day }\n',
    );
    const timelines = path.join(scratch.knowledgeDir, "timelines.yaml");
    const reopened = readFileSync(timelines, "utf8").replace(
      /(entity: us-embassy-kyiv\s+events:\s+)/,
      `$1- state: open\n        effective: { date: "2024-12-05", precision: day }\n        reason: Test reopening.\n        source: test-2024-12-reopening\n        paragraph: 1\n      `,
    );
    writeFileSync(timelines, reopened);

    const first = start(env);
    await until("the first notice", () => first.notices() > 0);
    const signalled = Date.now();
    first.child.kill("SIGTERM");
    const exit = await first.exited;
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(exit).toEqual({ code: 0, signal: null });

    const afterStop = deliveries(scratch.dbPath);
    const sent = afterStop.find((row) => row.status === "sent")?.n ?? 0;
    const pending = afterStop.find((row) => row.status === "pending");
    // Interrupted mid-way: some sent, the rest pending and released (no lease left to wait out).
    expect(sent).toBe(first.notices());
    expect(pending?.n).toBe(CHANNELS - sent);
    expect(pending?.n).toBeGreaterThan(0);
    expect(pending?.leased).toBe(0);
    expect(afterStop.map((row) => row.status)).toEqual(["pending", "sent"]);

    const second = start(env);
    await until("the rest of the fan-out", () => second.notices() >= CHANNELS - sent);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    expect(second.notices()).toBe(CHANNELS - sent);
    expect(deliveries(scratch.dbPath)).toEqual([{ status: "sent", leased: 0, n: CHANNELS }]);
  }, 90_000);
});
