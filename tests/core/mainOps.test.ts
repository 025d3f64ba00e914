import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticKnowledge } from "../../bench/syntheticFiles.ts";
import type { FakeDiscord } from "../discord/fake/fakeDiscord.ts";
import { BOT_TOKEN } from "../discord/fake/world.ts";
import { startFakeDiscord } from "../discord/support/harness.ts";
import { runBriefbot } from "../support/runBriefbot.ts";
import { KNOWLEDGE_DIR, REPO_ROOT, scratchCopy } from "../support/tempKnowledge.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const scratch = scratchCopy();
afterAll(() => scratch.cleanup());

describe("npm start with Discord only", () => {
  let fake: FakeDiscord;
  afterAll(async () => {
    await fake?.close();
  });

  it("serves /healthz, /readyz (Discord connected) and /metrics on PORT, and stops on SIGTERM within 10 s", async () => {
    fake = await startFakeDiscord();
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        PORT: String(port),
        BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
        BRIEFBOT_DB_PATH: path.join(scratch.dir, "discord.db"),
        BRIEFBOT_WATCH: "off",
        LOG_LEVEL: "warn",
      },
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    // Catches a bot that never gets ready; on a busy machine several bots start at once.
    const deadline = Date.now() + 90_000;
    let ready: { status: number; body: unknown } | undefined;
    while (Date.now() < deadline) {
      const res = await fetch(url("/readyz")).catch(() => undefined);
      if (res?.status === 200) {
        ready = { status: res.status, body: await res.json() };
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stderr).toBe("");
    expect(ready).toEqual({
      status: 200,
      body: { ready: true, knowledge: true, store: true, discord: true },
    });
    expect(await (await fetch(url("/healthz"))).text()).toBe("ok\n");
    const metrics = await (await fetch(url("/metrics"))).text();
    expect(metrics).toMatch(/^briefbot_outbox_depth 0$/m);
    expect(metrics).toMatch(/^briefbot_deliveries_total\{outcome="sent"\} 0$/m);
    const signalled = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
  }, 120_000);
});

describe("npm start on a large base", () => {
  let fake: FakeDiscord;
  afterAll(async () => {
    await fake?.close();
  });

  it("answers /healthz while the base loads, with /readyz not ready until it is loaded", async () => {
    fake = await startFakeDiscord();
    const knowledgeDir = path.join(scratch.dir, "large");
    writeSyntheticKnowledge(knowledgeDir, 10_000);
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        PORT: String(port),
        BRIEFBOT_KNOWLEDGE_DIR: knowledgeDir,
        BRIEFBOT_DB_PATH: path.join(scratch.dir, "large.db"),
        BRIEFBOT_WATCH: "off",
        LOG_LEVEL: "warn",
      },
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    const seen: string[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const health = await fetch(url("/healthz")).catch(() => undefined);
      if (health) {
        const ready = await fetch(url("/readyz"));
        const body = (await ready.json()) as { knowledge: boolean };
        seen.push(`${health.status} ${ready.status} ${body.knowledge}`);
        if (ready.status === 200) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Alive at once, not ready while the knowledge loads, then ready.
    expect(seen[0]).toBe("200 503 false");
    expect(seen.at(-1)).toBe("200 200 true");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 120_000);
});

// Each runs `npm start` as a subprocess, several times over on a busy machine.
describe("npm start --execute", { timeout: 120_000 }, () => {
  it("takes a line that starts with a dash as the line", async () => {
    const run = await runBriefbot("-x", {
      BRIEFBOT_DB_PATH: path.join(scratch.dir, "dash.db"),
      LOG_LEVEL: "warn",
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^I don't have that in my sources\./);
  });

  it("does not wait for a delivery another process has claimed", async () => {
    const dbPath = path.join(scratch.dir, "leased.db");
    expect((await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath, LOG_LEVEL: "warn" })).code).toBe(0);
    const db = new Database(dbPath);
    db.prepare(
      "INSERT INTO notices (id, entity_id, created_at, body) VALUES ('n1', 'us-embassy-kyiv', ?, '{}')",
    ).run(new Date().toISOString());
    db.prepare(
      `INSERT INTO deliveries (id, notice_id, platform, channel_id, scope, due_at, lease_until, lease_token)
       VALUES ('d1', 'n1', 'shell', 'terminal', 'shell', ?, ?, 'someone-else')`,
    ).run(Date.now(), Date.now() + 120_000);
    db.close();
    const started = Date.now();
    const run = await runBriefbot("status", { BRIEFBOT_DB_PATH: dbPath, LOG_LEVEL: "warn" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/US Embassy in Kyiv was closed/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
