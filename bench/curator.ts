import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { createBriefbot } from "../src/bot.ts";
import { baseVersion } from "../src/curator/baseVersion.ts";
import { groupKeyOf } from "../src/curator/record.ts";
import type { GapSighting } from "../src/curator/types.ts";
import type { KnowledgeBase } from "../src/knowledge/base.ts";
import { openPostgresSubscriptionStore } from "../src/subscriptions/postgres/postgresStore.ts";
import { openSqliteSubscriptionStore } from "../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../src/subscriptions/store.ts";
import { withDatabase } from "./fanoutScale.ts";
import { BENCH_QUESTIONS } from "./questions.ts";

const NOW = new Date("2026-11-22T12:00:00Z");
const PLACES = ["embassy", "consulate", "airport", "port", "ministry", "station", "hospital", "bridge"];
const OWNERS = ["british", "french", "polish", "german", "japanese", "turkish", "dutch", "czech", "irish"];
const ASKS = [
  "is the {} open",
  "{} open?",
  "is the {} still closed",
  "when will the {} reopen",
  "why is the {} shut",
];

/** The i-th stored question: wordings of a few thousand things, each asked in several ways. */
function sighting(version: string, i: number): GapSighting {
  const thing = `${OWNERS[i % OWNERS.length]} ${PLACES[Math.floor(i / OWNERS.length) % PLACES.length]} ${Math.floor(i / 72)}`;
  const normalised = (ASKS[i % ASKS.length] as string).replace("{}", thing).replace("?", "");
  return {
    baseVersion: version,
    normalised,
    groupKey: groupKeyOf(normalised),
    code: "unknown-entity",
    unplaced: [`the ${thing}`],
  };
}

/** Fills a store with `count` distinct unanswered wordings, in batches, as 2 to 4 askings each. */
async function seed(store: SubscriptionStore, version: string, count: number): Promise<void> {
  const batch = 1_000;
  for (let start = 0; start < count; start += batch) {
    const sightings = Array.from({ length: Math.min(batch, count - start) }, (_, j) =>
      sighting(version, start + j),
    );
    await store.recordGaps(sightings, NOW);
    await store.recordGaps(
      sightings.filter((_, j) => j % 3 === 0),
      NOW,
    );
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export interface CuratorFigures {
  store: string;
  stored: number;
  seedMs: number;
  gaps: { median: number; max: number };
  answer: { median: number; p99: number };
  answerEmpty: { median: number; p99: number };
}

/**
 * `gaps` over `count` stored questions, timed through the bot (`handle`, as the terminal runs it),
 * and the answer path with its recording (the engine's answer, the gaps it counts, the answer kept
 * for feedback buttons), against the same path over an empty store.
 */
export async function curatorBench(
  base: KnowledgeBase,
  count: number,
  kind: "sqlite" | "postgres",
): Promise<CuratorFigures> {
  const version = baseVersion(base);
  const run = async (
    open: () => Promise<SubscriptionStore>,
    where: { dbPath: string; databaseUrl?: string },
  ) => {
    const seedStart = performance.now();
    const seeding = await open();
    await seed(seeding, version, count);
    await seeding.close();
    const seedMs = performance.now() - seedStart;
    const loaded = await timeBot(base, where);
    return { seedMs, ...loaded };
  };
  const emptyRun = async (where: { dbPath: string; databaseUrl?: string }) => timeBot(base, where);
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-curator-bench-"));
  try {
    if (kind === "sqlite") {
      const full = await run(async () => openSqliteSubscriptionStore(path.join(dir, "full.db")), {
        dbPath: path.join(dir, "full.db"),
      });
      const empty = await emptyRun({ dbPath: path.join(dir, "empty.db") });
      return {
        store: "SQLite",
        stored: count,
        seedMs: full.seedMs,
        gaps: full.gaps,
        answer: full.answer,
        answerEmpty: empty.answer,
      };
    }
    const full = await withDatabase((url) =>
      run(() => openPostgresSubscriptionStore(url), { dbPath: ":memory:", databaseUrl: url }),
    );
    const empty = await withDatabase((url) => emptyRun({ dbPath: ":memory:", databaseUrl: url }));
    return {
      store: "PostgreSQL",
      stored: count,
      seedMs: full.seedMs,
      gaps: full.gaps,
      answer: full.answer,
      answerEmpty: empty.answer,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeBot(base: KnowledgeBase, where: { dbPath: string; databaseUrl?: string }) {
  const bot = await createBriefbot({
    knowledgeDir: "knowledge",
    knowledge: base,
    dbPath: where.dbPath,
    ...(where.databaseUrl ? { databaseUrl: where.databaseUrl } : {}),
    admins: [],
    logger: pino({ level: "silent" }),
    posters: [],
    clock: () => NOW,
    limits: { user: { burst: 1e9, refillMs: 1 }, channel: { burst: 1e9, refillMs: 1 } },
  });
  try {
    const request = (text: string, platform: "shell" | "slack") => ({
      text,
      channel: { platform, id: platform === "slack" ? "T1:C1" : "terminal" },
      user: { platform, id: platform === "slack" ? "U1" : "me" },
      canManageSubscriptions: true,
      now: NOW,
    });
    const gapTimes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const start = performance.now();
      const reply = await bot.handle(request("gaps", "shell"));
      gapTimes.push(performance.now() - start);
      if (reply.kind !== "report") throw new Error("gaps gave no list");
    }
    gapTimes.sort((a, b) => a - b);
    // Slack questions: each is answered, its gaps counted and the answer kept for its buttons.
    for (let r = 0; r < 10; r++) for (const q of BENCH_QUESTIONS) await bot.handle(request(q, "slack"));
    (globalThis as { gc?: () => void }).gc?.();
    const times: number[] = [];
    for (let r = 0; r < 40; r++)
      for (const q of BENCH_QUESTIONS) {
        const start = performance.now();
        await bot.handle(request(q, "slack"));
        times.push(performance.now() - start);
      }
    times.sort((a, b) => a - b);
    return {
      gaps: { median: quantile(gapTimes, 0.5), max: gapTimes.at(-1) ?? Number.NaN },
      answer: { median: quantile(times, 0.5), p99: quantile(times, 0.99) },
    };
  } finally {
    await bot.stop();
  }
}
