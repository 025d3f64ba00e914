import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { QueryEngine } from "../src/engine/engine.ts";
import type { KnowledgeBase } from "../src/knowledge/base.ts";
import { loadKnowledgeBase } from "../src/knowledge/loadBase.ts";
import { curatorBench } from "./curator.ts";
import { fanoutBench } from "./fanout.ts";
import { fanoutScaleRun, scaleRuns } from "./fanoutScale.ts";
import { BENCH_QUESTIONS } from "./questions.ts";
import { reloadBench } from "./reload.ts";
import { syntheticBase } from "./synthetic.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NOW = new Date("2026-11-22T12:00:00Z");

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Passes over the questions before timing, so the JIT has compiled the answer path. */
const WARM_UP_ROUNDS = 30;

/** Times every question `rounds` times after a warm-up; returns per-call median and p99 in ms. */
function measure(run: (q: string) => unknown, questions: string[], rounds: number, warmUp = WARM_UP_ROUNDS) {
  for (let r = 0; r < warmUp; r++) for (const q of questions) run(q);
  // Collect what building the base left behind, so its clean-up is not timed as answering.
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const start = process.hrtime.bigint();
      run(q);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99), calls: times.length };
}

function benchBase(label: string, base: KnowledgeBase, extra: string[], baselineRounds: number) {
  const buildStart = process.hrtime.bigint();
  const engine = new QueryEngine(base);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  const questions = [...BENCH_QUESTIONS, ...extra];
  // Enough calls that p99 is a percentile, not the few slowest calls of a short run.
  const ours = measure((q) => engine.ask(q, { now: NOW }), questions, 100);
  const fuse = new Fuse(base.facts as unknown as { statement: string }[], {
    keys: ["statement"],
    threshold: 0.4,
    ignoreLocation: true,
  });
  const baseline = measure(
    (q) => fuse.search(q, { limit: 3 }),
    questions.slice(0, baselineRounds > 1 ? questions.length : 4),
    baselineRounds,
    // One pass: at seconds per query on the large bases, compilation is noise.
    1,
  );
  return { label, facts: base.facts.length, buildMs, ours, baseline };
}

function coldStart(runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync("npm", ["run", "--silent", "brief", "--", "ask", "is the kyiv embassy open"], {
      cwd: ROOT,
      stdio: "pipe",
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return quantile(times, 0.5);
}

const fmt = (n: number) => (n < 1 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(0));

async function main() {
  const real = loadKnowledgeBase(path.join(ROOT, "knowledge"));
  if (!real.ok) throw new Error("the knowledge base does not load; run `npm run brief -- check`");
  // The bot answers for days in one process; time it warm, as it runs, not while the process starts.
  const warmUp = syntheticBase(1_000);
  const warmEngine = new QueryEngine(warmUp.base);
  measure((q) => warmEngine.ask(q, { now: NOW }), [...BENCH_QUESTIONS, ...warmUp.questions], 20);
  const rows = [benchBase("real", real.base, [], 20)];
  for (const size of [1_000, 10_000, 100_000]) {
    const synthetic = syntheticBase(size);
    rows.push(
      benchBase(
        `synthetic ${size.toLocaleString("en")}`,
        synthetic.base,
        synthetic.questions,
        size >= 100_000 ? 1 : size >= 10_000 ? 2 : 5,
      ),
    );
  }
  console.log("Answer latency per question (ms), engine vs bare fuse.js over fact statements:");
  console.log("base               facts   index ms  median   p99      fuse median  fuse p99   median ratio");
  for (const r of rows) {
    console.log(
      [
        r.label.padEnd(17),
        String(r.facts).padStart(7),
        fmt(r.buildMs).padStart(9),
        fmt(r.ours.median).padStart(8),
        fmt(r.ours.p99).padStart(8),
        fmt(r.baseline.median).padStart(12),
        fmt(r.baseline.p99).padStart(10),
        `${fmt(r.baseline.median / r.ours.median)}x`.padStart(12),
      ].join(" "),
    );
  }
  const reloads = [];
  for (let run = 0; run < 3; run++) reloads.push(await reloadBench(100_000));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `Reload of a 100,000-fact folder while asked every 2 ms (median of 3): new base in ${fmt(median(reloads.map((r) => r.swapMs)))} ms; ` +
      `answers' worst wait ${fmt(median(reloads.map((r) => r.worstWaitMs)))} ms (target under 50), p99 ${fmt(median(reloads.map((r) => r.p99WaitMs)))} ms`,
  );
  console.log(
    "The curator's loop with 100,000 stored unanswered questions: `gaps` through the bot, and the answer path (real base, Slack questions, each recorded) beside the same path over an empty store (ms):",
  );
  console.log(
    "store        seed ms  gaps median  gaps max  answer median  answer p99  empty median  empty p99",
  );
  for (const kind of ["sqlite", "postgres"] as const) {
    const c = await curatorBench(real.base, 100_000, kind);
    console.log(
      [
        c.store.padEnd(11),
        fmt(c.seedMs).padStart(8),
        fmt(c.gaps.median).padStart(12),
        fmt(c.gaps.max).padStart(9),
        fmt(c.answer.median).padStart(14),
        fmt(c.answer.p99).padStart(11),
        fmt(c.answerEmpty.median).padStart(13),
        fmt(c.answerEmpty.p99).padStart(10),
      ].join(" "),
    );
  }
  const cold = coldStart(5);
  console.log(`Cold start of \`npm run brief -- ask\` (median of 5): ${fmt(cold)} ms`);
  const fanout = await fanoutBench({ channels: 10_000 });
  console.log(
    `Fan-out of one notice to ${fanout.channels.toLocaleString("en")} channels: ${fmt(fanout.ms)} ms, ${fanout.sent} sent, peak RSS ${fmt(fanout.peakRssMb)} MB, heap +${fmt(fanout.heapUsedDeltaMb)} MB`,
  );
  const channels = Number(process.env.BENCH_SCALE_CHANNELS ?? 10_000);
  console.log(
    `Fan-out of one notice to ${channels.toLocaleString("en")} Discord channels on PostgreSQL, instances as processes, ` +
      "timed from the announcement to the last channel's first post:",
  );
  console.log("instances  bot pace/s  platform limit/s       ms   floor ms   ratio   429s");
  for (const spec of scaleRuns) {
    const run = await fanoutScaleRun(spec, channels);
    const pace = 50 * spec.rateScale;
    const paced = pace < 10_000;
    console.log(
      [
        String(run.instances).padStart(9),
        (paced ? String(pace) : "unpaced").padStart(11),
        (run.platformLimit ? String(run.platformLimit) : "none").padStart(17),
        fmt(run.ms).padStart(8),
        (paced ? fmt(run.floorMs) : "-").padStart(10),
        (paced ? `${(run.ms / run.floorMs).toFixed(2)}x` : "-").padStart(7),
        String(run.rateLimited).padStart(6),
      ].join(" "),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
