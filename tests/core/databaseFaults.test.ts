import { execFile } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { type Run, runBriefbot } from "../support/runBriefbot.ts";
import { KNOWLEDGE_DIR, REPO_ROOT } from "../support/tempKnowledge.ts";

const root = mkdtempSync(path.join(tmpdir(), "briefbot-db-faults-"));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;

/** `brief <args>` as a process on the store at `dbPath`. */
function runBriefCli(
  args: string[],
  dbPath: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", ...args],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
          BRIEFBOT_DB_PATH: dbPath,
          DATABASE_URL: "",
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function expectOneLine(run: Run, message: RegExp) {
  expect(run.said).toHaveLength(1);
  expect(run.said[0]).toMatch(message);
  expect(run.said[0]).toMatch(/BRIEFBOT_DB_PATH/);
  expect(run.code).toBe(1);
  // The trace is in the debug log (a JSON line), never printed as a trace of its own.
  expect(run.said.join("\n")).not.toMatch(/^\s+at /m);
  expect(run.stdout).toBe("");
}

// Each runs `npm start` as a subprocess, several times over on a busy machine.
describe("database faults end in one line naming BRIEFBOT_DB_PATH and the path", { timeout: 120_000 }, () => {
  it("a read-only folder", async () => {
    const dir = path.join(root, "readonly");
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const dbPath = path.join(dir, "briefbot.db");
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath }, { asNobody: isRoot });
    expectOneLine(run, /^cannot open the database .*readonly\/briefbot\.db \(BRIEFBOT_DB_PATH\): /);
    expect(run.said[0]).toMatch(/: it is read-only; give the bot write access to the file and its folder/);
  });

  it("a read-only database file", async () => {
    const dir = path.join(root, "readonly-file");
    mkdirSync(dir);
    const dbPath = path.join(dir, "briefbot.db");
    new Database(dbPath).close();
    writeFileSync(dbPath, "");
    new Database(dbPath).exec("CREATE TABLE t (x)");
    if (isRoot) chownSync(dir, 65534, 65534);
    chmodSync(dbPath, 0o444);
    chmodSync(dir, 0o555);
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath }, { asNobody: isRoot });
    expectOneLine(run, /\(BRIEFBOT_DB_PATH\): it is read-only; give the bot write access/);
  });

  it("a file that is not a database", async () => {
    const dbPath = path.join(root, "garbage.db");
    writeFileSync(dbPath, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath });
    expectOneLine(run, /garbage\.db \(BRIEFBOT_DB_PATH\): the file is not a briefbot database or is damaged/);
  });

  it("a folder as the path", async () => {
    const dbPath = path.join(root, "a-folder");
    mkdirSync(dbPath);
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath });
    expectOneLine(run, /a-folder \(BRIEFBOT_DB_PATH\): it is a folder; set BRIEFBOT_DB_PATH to a file path/);
  });

  it("a database written by a newer briefbot", async () => {
    const dbPath = path.join(root, "newer.db");
    const db = new Database(dbPath);
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '')").run();
    db.close();
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath });
    expectOneLine(
      run,
      /newer\.db \(BRIEFBOT_DB_PATH\): its schema is version 999, newer than this briefbot's/,
    );
  });

  it("a full disk (a file size limit the database cannot grow past)", async () => {
    const dbPath = path.join(root, "full.db");
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath }, { fileSizeKb: 40 });
    expectOneLine(
      run,
      /full\.db \(BRIEFBOT_DB_PATH\): (the disk is full|writing to it failed \(a full disk)/,
    );
  });

  it("a database another process holds locked: read-only commands answer, a write waits its bound and says so in one line", async () => {
    const dbPath = path.join(root, "locked.db");
    const first = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath });
    expect(first.code).toBe(0);
    // Another process (this one) holds the write lock for the whole test.
    const holder = new Database(dbPath);
    holder.exec("BEGIN IMMEDIATE");
    holder.exec("CREATE TABLE held (x)");
    try {
      // The default log level: nothing on stderr but JSON log lines, none of them a trace.
      const [status, briefStatus, briefAsk] = await Promise.all([
        runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath, LOG_LEVEL: "info" }),
        runBriefCli(["status", "us embassy in kyiv"], dbPath),
        runBriefCli(["ask", "is the us embassy in kyiv open?"], dbPath),
      ]);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/US Embassy in Kyiv was closed/);
      expect(status.said).toEqual([]);
      expect(status.stderr).not.toMatch(/\sat /);
      for (const run of [briefStatus, briefAsk]) {
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/US Embassy in Kyiv was closed/);
        expect(run.stderr).toMatch(/^brief: answering from .* and the store at .*locked\.db/);
        expect(run.stderr.trim().split("\n")).toHaveLength(1);
      }

      // The write waits its 2 s, then the run ends by itself (a run killed as hung has no exit code).
      const subscribe = await runBriefbot(
        "subscribe all",
        { BRIEFBOT_DB_PATH: dbPath, LOG_LEVEL: "info" },
        { timeoutMs: 60_000 },
      );
      expect(subscribe.stdout).toBe(
        "I can't reach my subscription store right now (it is busy or unavailable), so nothing changed. Please try again in a minute.\n",
      );
      expect(subscribe.code).toBe(1);
      expect(subscribe.said).toHaveLength(1);
      expect(subscribe.said[0]).toMatch(
        /^cannot use the database .*locked\.db \(BRIEFBOT_DB_PATH\): another process held its write lock for over 2 s; try again when it has finished$/,
      );
      expect(subscribe.stderr).not.toMatch(/\sat /);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const after = await runBriefbot("subscriptions", { BRIEFBOT_DB_PATH: dbPath });
    expect(after.stdout).toMatch(/This channel follows nothing/);
  });

  it("18 one-shot runs started at once on one new file all run, reads and writes", async () => {
    const dbPath = path.join(root, "together.db");
    const lines = Array.from({ length: 18 }, (_, i) =>
      i % 3 === 0 ? "subscribe us embassy in kyiv" : i % 3 === 1 ? "status" : "subscriptions",
    );
    const runs = await Promise.all(
      lines.map((line) => runBriefbot(line, { BRIEFBOT_DB_PATH: dbPath }, { timeoutMs: 150_000 })),
    );
    for (const run of runs) {
      expect(run.said).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/can't reach my subscription store/);
    }
    expect(runs.filter((run) => /US Embassy in Kyiv was closed/.test(run.stdout))).toHaveLength(6);
    const after = await runBriefbot("subscriptions", { BRIEFBOT_DB_PATH: dbPath });
    expect(after.stdout).toMatch(/US Embassy in Kyiv/);
  }, 240_000);
});
