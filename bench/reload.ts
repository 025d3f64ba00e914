import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createBriefbot } from "../src/bot.ts";
import { syntheticBase } from "./synthetic.ts";
import { writeSyntheticKnowledge } from "./syntheticFiles.ts";

const NOW = new Date("2026-11-22T12:00:00Z");

/**
 * A reload of a `facts`-fact folder while a question is asked every 2 ms: how long until the new
 * base answers, and how long any question waited (timed from when it was due) meanwhile.
 */
export async function reloadBench(
  facts: number,
): Promise<{ swapMs: number; worstWaitMs: number; p99WaitMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-bench-"));
  try {
    const generated = syntheticBase(facts);
    writeSyntheticKnowledge(dir, facts);
    const bot = await createBriefbot({
      knowledgeDir: dir,
      knowledge: generated.base,
      dbPath: ":memory:",
      admins: [],
      logger: pino({ level: "silent" }),
      posters: [],
      clock: () => NOW,
      background: true,
    });
    await bot.start();
    const question = generated.questions[0] ?? "help";
    const waits: number[] = [];
    let asking = true;
    const client = (async () => {
      while (asking) {
        const due = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 2));
        bot.ask(question, NOW);
        waits.push(performance.now() - due - 2);
      }
    })();
    const started = performance.now();
    await bot.reload();
    const swapMs = performance.now() - started;
    asking = false;
    await client;
    await bot.stop();
    waits.sort((a, b) => a - b);
    return {
      swapMs,
      worstWaitMs: waits.at(-1) ?? 0,
      p99WaitMs: waits[Math.floor(waits.length * 0.99)] ?? 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
