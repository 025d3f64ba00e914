import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { ChannelRef, Platform, UserRef } from "../../src/commands/request.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import type { DeliveryAttempt, Pacing, Poster, PostOutcome } from "../../src/delivery/poster.ts";
import type { Sleep } from "../../src/delivery/timing.ts";
import type { StatusSnapshot } from "../../src/engine/snapshot.ts";
import type { State } from "../../src/knowledge/schema.ts";

export const silentLogger = pino({ level: "silent" });

/** A temporary folder for one test's database, removed by `cleanup`. */
export function tempDir(): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-subs-"));
  return {
    dir,
    dbPath: join(dir, "data", "briefbot.db"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Virtual time: `sleep` registers a timer, and once the microtasks have run out the earliest timer
 * fires and the clock jumps to it. Concurrent sleepers therefore wake in the order real timers
 * would, while backoff and pacing waits of minutes take no real time.
 */
export class ManualClock {
  now: number;
  readonly #timers: { at: number; seq: number; resolve: () => void }[] = [];
  #seq = 0;
  #scheduled = false;

  constructor(start = Date.parse("2024-11-20T09:00:00Z")) {
    this.now = start;
  }
  readonly date = (): Date => new Date(this.now);
  readonly ms = (): number => this.now;
  readonly sleep: Sleep = (ms) =>
    new Promise<void>((resolve) => {
      this.#timers.push({ at: this.now + Math.max(0, ms), seq: this.#seq++, resolve });
      this.#schedule();
    });

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift();
      if (!next) return;
      this.now = Math.max(this.now, next.at);
      next.resolve();
      if (this.#timers.length > 0) this.#schedule();
    });
  }
}

export interface StatusInput {
  entityId: string;
  name?: string;
  state: State;
  since?: string;
  reason?: string;
  publisher?: string;
  temporary?: boolean;
  reportedBy?: string;
  url?: string;
}

/** A synthetic snapshot whose key, like the engine's, changes with state, date and source. */
export function snapshot(input: StatusInput): StatusSnapshot {
  const since = input.since ?? "2024-11-20";
  const publisher = input.publisher ?? "The Washington Times";
  const sourceId = publisher.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const date = { date: since, precision: "day" as const };
  return {
    entityId: input.entityId,
    key: `${input.state}|${since}|${sourceId}`,
    report: {
      entity: { id: input.entityId, name: input.name ?? `Entity ${input.entityId}`, kind: "embassy" },
      state: input.state,
      since: date,
      temporary: input.temporary ?? false,
      reason: input.reason ?? "Reason given in the report",
      certainty: "reported",
      asOf: date,
      ageDays: 0,
      stale: false,
      source: {
        id: sourceId,
        publisher,
        headline: "A headline",
        published: date,
        ...(input.reportedBy ? { reportedBy: input.reportedBy } : {}),
        ...(input.url ? { url: input.url } : {}),
      },
    },
  };
}

export function channel(index: number, platform: Platform = "slack"): ChannelRef {
  return { platform, id: `C${String(index).padStart(5, "0")}`, name: `channel-${index}` };
}

export const alice: UserRef = { platform: "slack", id: "U1", name: "Alice" };

/** One call to a fake poster. */
export interface PostCall {
  channelId: string;
  noticeId: string;
  deliveryId: string;
  nonce: string;
  attempt: number;
  at: number;
  outcome: PostOutcome;
}

/**
 * A poster whose answers come from `behaviour` (default: always sent) and which records every call.
 * Throwing from `behaviour` models a network error.
 */
export class FakePoster implements Poster {
  readonly calls: PostCall[] = [];
  readonly platform: Platform;
  readonly pacing: Pacing;
  readonly #behaviour: (channel: ChannelRef, attempt: DeliveryAttempt) => PostOutcome;
  readonly #clock: () => number;
  readonly scopeOf?: (channel: ChannelRef) => string;

  constructor(options: {
    platform?: Platform;
    pacing?: Pacing;
    clock?: () => number;
    behaviour?: (channel: ChannelRef, attempt: DeliveryAttempt) => PostOutcome;
    scopeOf?: (channel: ChannelRef) => string;
  }) {
    this.platform = options.platform ?? "slack";
    this.pacing = options.pacing ?? { perChannelIntervalMs: 0, globalPerSecond: 0 };
    this.#behaviour = options.behaviour ?? (() => ({ kind: "sent" }));
    this.#clock = options.clock ?? Date.now;
    if (options.scopeOf) this.scopeOf = options.scopeOf;
  }

  async post(
    channel: ChannelRef,
    notice: StatusChangeNotice,
    attempt: DeliveryAttempt,
  ): Promise<PostOutcome> {
    const base = { channelId: channel.id, noticeId: notice.id, deliveryId: attempt.deliveryId };
    const call = { ...base, nonce: attempt.nonce, attempt: attempt.attempt, at: this.#clock() };
    let outcome: PostOutcome;
    try {
      outcome = this.#behaviour(channel, attempt);
    } catch (error) {
      this.calls.push({ ...call, outcome: { kind: "retry", reason: String(error) } });
      throw error;
    }
    this.calls.push({ ...call, outcome });
    return outcome;
  }

  /** Calls that returned `sent`, i.e. posts the platform accepted. */
  sent(): PostCall[] {
    return this.calls.filter((call) => call.outcome.kind === "sent");
  }
}
