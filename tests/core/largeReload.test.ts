import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { syntheticBase } from "../../bench/synthetic.ts";
import { SYNTHETIC_MAIN_FILE, writeSyntheticKnowledge } from "../../bench/syntheticFiles.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { startOpsServer } from "../../src/ops/healthServer.ts";

const FACTS = 100_000;
const NOW = new Date("2026-11-22T12:00:00Z");

/**
 * The longest a question may wait on a reload (2 cores): the build runs in slices of about 8 ms,
 * and the rest of the bound is for garbage collection. /healthz may take twice as long.
 */
const WAIT_BOUND_MS = 50;

const request = (text: string) => ({
  text,
  channel: { platform: "shell" as const, id: "terminal" },
  user: { platform: "shell" as const, id: "curator" },
  canManageSubscriptions: true,
  now: NOW,
});

describe("reloading a 100,000-fact base while questions keep coming", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-large-"));
  const knowledgeDir = path.join(dir, "knowledge");
  let bot: Briefbot | undefined;
  afterAll(async () => {
    await bot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers from the old base until the new one is built, then from the new one, never waiting long; a broken edit changes nothing", async () => {
    const generated = syntheticBase(FACTS);
    const [embassy, events] = [...generated.base.timelines][0] ?? [];
    const before = events?.at(-1)?.state;
    const after = before === "open" ? "closed" : "open";
    const name = generated.base.entities.get(embassy ?? "")?.name ?? "";
    const question = `is the ${name.replace(/ in Kestrov$/, "").toLowerCase()} open`;
    writeSyntheticKnowledge(knowledgeDir, FACTS, { generated });
    const log: string[] = [];
    bot = await createBriefbot({
      knowledgeDir,
      knowledge: generated.base,
      dbPath: ":memory:",
      admins: [],
      logger: pino({ level: "info" }, { write: (line: string) => log.push(line) }),
      posters: [],
      clock: () => NOW,
      watch: true,
      background: true,
    });
    await bot.start();
    const running = bot;
    const ops = await startOpsServer(
      { metrics: running.metrics, readiness: async () => ({ knowledge: true }) },
      0,
      "127.0.0.1",
    );
    const stateNow = async () => {
      const reply = await running.handle(request(question));
      return reply.kind === "answer" ? reply.answer.status?.state : undefined;
    };
    expect(await stateNow()).toBe(before);

    // A client asks continuously and probes /healthz; each wait is timed from when it was due.
    const waits: number[] = [];
    const health: number[] = [];
    const states: (string | undefined)[] = [];
    let asking = true;
    const client = (async () => {
      while (asking) {
        const due = performance.now();
        await new Promise((resolve) => setImmediate(resolve));
        states.push(await stateNow());
        waits.push(performance.now() - due);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const prober = (async () => {
      while (asking) {
        const sent = performance.now();
        const res = await fetch(`http://127.0.0.1:${ops.address.port}/healthz`);
        await res.text();
        health.push(performance.now() - sent);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const waitFor = async (done: () => boolean, what: string) => {
      const deadline = Date.now() + 150_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      // The edit flips one embassy; the watcher reloads the folder.
      const file = path.join(knowledgeDir, SYNTHETIC_MAIN_FILE);
      writeSyntheticKnowledge(knowledgeDir, FACTS, { generated, states: { [embassy as string]: after } });
      await waitFor(() => states.at(-1) === after, "the new base");
      const switched = states.indexOf(after);
      expect(switched).toBeGreaterThan(50);
      expect(states.slice(0, switched).every((s) => s === before)).toBe(true);
      expect(log.join("\n")).toMatch(
        /"facts":100000,.*"msg":"knowledge reloaded: \d+ entities, 100000 facts"/,
      );

      // A broken edit of the large base is rejected; answers stay with the last good base.
      const good = readFileSync(file, "utf8");
      const asked = states.length;
      writeFileSync(file, good.replace(/state: (open|closed)/, "state: shut"));
      await waitFor(() => log.some((line) => line.includes("knowledge rejected")), "the rejection");
      expect(states.length).toBeGreaterThan(asked);
      expect(states.slice(switched).every((s) => s === after)).toBe(true);
      expect(await stateNow()).toBe(after);
    } finally {
      asking = false;
      await Promise.all([client, prober]);
      await ops.close();
    }
    // Percentiles, not the single worst wait: on a shared machine the scheduler alone can hold any
    // process for longer than the bound now and then. `npm run bench` reports the worst on a quiet one.
    const p99 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.99)] ?? 0;
    console.log(
      `[large reload] ${waits.length} answers: p99 wait ${p99(waits).toFixed(1)} ms, worst ${Math.max(...waits).toFixed(1)} ms; ` +
        `${health.length} /healthz: p99 ${p99(health).toFixed(1)} ms, worst ${Math.max(...health).toFixed(1)} ms`,
    );
    expect(p99(waits)).toBeLessThan(WAIT_BOUND_MS);
    expect(p99(health)).toBeLessThan(2 * WAIT_BOUND_MS);
  }, 240_000);
});
