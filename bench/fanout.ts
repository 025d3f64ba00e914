import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { pino } from "pino";
import type { Poster } from "../src/delivery/poster.ts";
import type { StatusSnapshot } from "../src/engine/snapshot.ts";
import { openSqliteSubscriptionStore } from "../src/subscriptions/sqlite/sqliteStore.ts";
import { SubscriptionSystem } from "../src/subscriptions/system.ts";

/** What one fan-out run measured. `ms` covers detecting the change, writing the outbox and sending. */
export interface FanoutFigures {
  channels: number;
  sent: number;
  ms: number;
  /** The process's peak resident set so far, in MB. */
  peakRssMb: number;
  /** Heap still in use after the fan-out, minus before it, both after a full collection. */
  heapUsedDeltaMb: number;
}

/**
 * A full garbage collection, so that the heap figure is what the fan-out retains rather than
 * whatever garbage happened to be collected meanwhile. Works without starting node with --expose-gc.
 */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** The one tracked status of the fan-out benchmarks, before ("open") and after ("closed") the change. */
export function status(state: "open" | "closed"): StatusSnapshot[] {
  const date = { date: state === "open" ? "2024-02-01" : "2024-11-20", precision: "day" as const };
  const entity = { id: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv", kind: "embassy" as const };
  const source = { id: "wt", publisher: "The Washington Times", headline: "Embassy closes", published: date };
  const report = {
    entity,
    state,
    since: date,
    temporary: false,
    reason: "Air attack warning",
    certainty: "reported" as const,
  };
  return [
    {
      entityId: entity.id,
      key: `${state}|${date.date}|wt`,
      report: { ...report, asOf: date, ageDays: 0, stale: false, source },
    },
  ];
}

/**
 * Fans one notice out to `channels` channels (default 10,000) through a SQLite file in a temp
 * folder and a poster with no rate limit that accepts every post, so the figure is the outbox's
 * own cost. Subscribing the channels is set-up and not timed.
 */
export async function fanoutBench(options: { channels?: number } = {}): Promise<FanoutFigures> {
  const channels = options.channels ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), "briefbot-bench-"));
  const store = openSqliteSubscriptionStore(join(dir, "briefbot.db"));
  let sent = 0;
  const poster: Poster = {
    platform: "discord",
    pacing: { perChannelIntervalMs: 0, globalPerSecond: 0 },
    async post() {
      sent += 1;
      return { kind: "sent" };
    },
  };
  try {
    const system = await SubscriptionSystem.open({
      store,
      posters: [poster],
      logger: pino({ level: "silent" }),
      statuses: () => status("closed"),
      clock: () => new Date(),
    });
    const by = { platform: "discord" as const, id: "bench" };
    for (let index = 0; index < channels; index++) {
      await system.subscribe(
        { platform: "discord", id: `channel-${index}` },
        { kind: "all" },
        by,
        new Date(),
      );
    }
    await system.sync(status("open"));
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await system.sync(status("closed"));
    await system.drain();
    const ms = performance.now() - started;
    collectGarbage();
    return {
      channels,
      sent,
      ms: Math.round(ms),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedDeltaMb: Math.round(((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024) * 10) / 10,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await fanoutBench();
  console.log(
    `fan-out: ${figures.sent}/${figures.channels} channels in ${figures.ms} ms, ` +
      `peak RSS ${figures.peakRssMb} MB, heap +${figures.heapUsedDeltaMb} MB`,
  );
}
