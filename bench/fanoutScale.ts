import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { pino } from "pino";
import { DISCORD_PACING } from "../adapters/discord/poster.ts";
import { openPostgresSubscriptionStore } from "../src/subscriptions/postgres/postgresStore.ts";
import { SubscriptionSystem } from "../src/subscriptions/system.ts";
import { FakePlatform } from "./fakePlatform.ts";
import { status } from "./fanout.ts";

/** The machine's PostgreSQL; each run creates and drops a database of its own. */
const adminUrl =
  process.env.BRIEFBOT_BENCH_POSTGRES_URL ??
  process.env.BRIEFBOT_TEST_POSTGRES_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

export interface ScaleRunSpec {
  instances: number;
  /** Multiplies Discord's 50 posts a second, the rate the bot keeps to. */
  rateScale: number;
  /** The fake platform's own global limit, posts a second; none when undefined. */
  platformLimit?: number;
}

export interface ScaleRunFigures extends ScaleRunSpec {
  channels: number;
  /** From the announcement to the last channel's first post. */
  ms: number;
  /** The time the tightest rate alone allows (the bot's pace or the platform's limit). */
  floorMs: number;
  posts: number;
  rateLimited: number;
}

export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `briefbot_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  }
}

function startWorker(databaseUrl: string, apiUrl: string, id: string, rateScale: number) {
  const child = spawn(
    process.execPath,
    [
      "--v8-pool-size=1",
      "--import",
      "tsx",
      join(import.meta.dirname, "fanoutWorker.ts"),
      databaseUrl,
      apiUrl,
      id,
      String(rateScale),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
      if (out.includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`bench worker ${id} exited (${code}) before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, ready, exited };
}

/**
 * Fans one notice out to `channels` Discord channels through `instances` bot instances sharing one
 * PostgreSQL database, each a process of its own with the real dispatcher, poster and REST client,
 * against a fake platform on 127.0.0.1. Subscribing and starting the instances are set-up, not timed.
 */
export async function fanoutScaleRun(spec: ScaleRunSpec, channels: number): Promise<ScaleRunFigures> {
  return withDatabase(async (url) => {
    const fake = await FakePlatform.start(spec.platformLimit);
    const store = await openPostgresSubscriptionStore(url);
    const workers: ReturnType<typeof startWorker>[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const client = new pg.Client({ connectionString: url });
        client
          .connect()
          .then(() =>
            client.query(
              `INSERT INTO subscriptions (platform, channel_id, topic, scope, created_at, created_by_platform, created_by_id)
                SELECT 'discord', (1300000000000000000 + g)::text, '*', 'discord', $2, 'discord', 'bench'
                FROM generate_series(1, $1) g`,
              [channels, new Date().toISOString()],
            ),
          )
          .then(() => client.end())
          .then(resolve, reject);
      });
      const announcer = await SubscriptionSystem.open({
        store,
        posters: [],
        logger: pino({ level: "silent" }),
        statuses: () => status("closed"),
        clock: () => new Date(),
        pollMs: 0,
      });
      await announcer.sync(status("open"));
      for (let index = 0; index < spec.instances; index++)
        workers.push(startWorker(url, fake.apiUrl, `bench-${index}`, spec.rateScale));
      await Promise.all(workers.map((worker) => worker.ready));
      const started = Date.now();
      await announcer.sync(status("closed"));
      const deadline = started + 600_000;
      while (fake.channelsReached < channels) {
        if (Date.now() > deadline) throw new Error(`fan-out stalled at ${fake.channelsReached}/${channels}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const botRate = DISCORD_PACING.globalPerSecond * spec.rateScale;
      const rate = Math.min(botRate, spec.platformLimit ?? Number.POSITIVE_INFINITY);
      return {
        ...spec,
        channels,
        ms: fake.lastFirstPostAt - started,
        floorMs: (channels / rate) * 1000,
        posts: fake.posts,
        rateLimited: fake.rateLimited,
      };
    } finally {
      for (const worker of workers) worker.child.kill("SIGTERM");
      await Promise.all(workers.map((worker) => worker.exited));
      await store.close();
      await fake.close();
    }
  });
}

/** The runs `npm run bench` makes: paced to a scaled Discord rate with and without the platform enforcing it, and unpaced. */
export const scaleRuns: ScaleRunSpec[] = [
  { instances: 1, rateScale: 10 },
  { instances: 3, rateScale: 10 },
  { instances: 1, rateScale: 10, platformLimit: 500 },
  { instances: 3, rateScale: 10, platformLimit: 500 },
  { instances: 1, rateScale: 1000 },
  { instances: 3, rateScale: 1000 },
];
