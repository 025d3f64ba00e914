import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Platform } from "../messages/addresses.ts";
import type { StatusChangeNotice } from "./notice.ts";
import type { Outbox } from "./outbox.ts";
import { PlatformSender } from "./platformSender.ts";
import {
  addReport,
  type DispatchPolicy,
  type DispatchReport,
  defaultDispatchPolicy,
  emptyReport,
} from "./policy.ts";
import type { Poster } from "./poster.ts";
import { type Clock, realSleep, type Sleep } from "./timing.ts";

/** How long a stop waits for posts in flight before handing their deliveries back. */
export const STOP_GRACE_MS = 3_000;

/** What a dispatcher runs on; `sleep` and `random` default to real timers and Math.random. */
export interface DispatcherOptions {
  outbox: Outbox;
  posters: Poster[];
  logger: Logger;
  clock: Clock;
  sleep?: Sleep;
  random?: () => number;
  policy?: Partial<DispatchPolicy>;
  /** This process's name on its claims; a fresh random one by default. */
  owner?: string;
}

/**
 * Sends the outbox's due deliveries through each platform's poster, paced by `poster.pacing`,
 * and records every outcome.
 *
 * Delivery guarantee: a delivery is posted until one try returns `sent`, and is marked sent in
 * its own write straight after. If the process dies after the platform accepted a post but before
 * that write, its claim lapses (at once on SQLite, whose next process holds the file alone; within
 * one lease on PostgreSQL, since a live process renews its claims and a dead one cannot) and the
 * delivery is posted again. So delivery is at least once, and a duplicate needs a crash inside that
 * window: one crash duplicates at most `maxInFlight` posts per platform, one per post in flight when
 * it died. A re-delivery whose earlier try is in doubt is dropped instead (and counted) when a newer
 * notice about the same entity is queued or sent to the channel, on a platform that does not drop
 * repeats itself, so an old status is never shown again after a newer one. Discord closes the
 * window: every try of a delivery carries the same `nonce`, and with enforce_nonce Discord returns the
 * first message instead of posting a second. Slack's chat.postMessage has no idempotency key, so
 * there a crash can, rarely, show a notice twice. Each channel gets its notices one at a time, in
 * order, whichever instance sends them.
 */
export class Dispatcher {
  readonly #outbox: Outbox;
  readonly #senders: PlatformSender[];
  readonly #platforms: Platform[];
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #policy: DispatchPolicy;
  readonly #blockStreaks = new Map<string, number>();
  readonly #notices = new Map<string, StatusChangeNotice>();
  #stop: AbortController | undefined;
  #wake = new AbortController();
  #loops: Promise<void> | undefined;
  readonly owner: string;
  #renewing = 0;
  #recovery: Promise<number> | undefined;
  #renewTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: DispatcherOptions) {
    this.#outbox = options.outbox;
    this.#platforms = options.posters.map((poster) => poster.platform);
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#policy = { ...defaultDispatchPolicy, ...options.policy };
    this.owner = options.owner ?? randomUUID();
    this.#senders = options.posters.map(
      (poster) =>
        new PlatformSender({
          poster,
          outbox: this.#outbox,
          clock: this.#clock,
          sleep: this.#sleep,
          policy: this.#policy,
          owner: this.owner,
          notices: (id) => this.#notice(id),
        }),
    );
  }

  /** One pass over every platform: claims what is due, posts it, records the outcomes. */
  async dispatchOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    const heldInPass = new Map<string, number>();
    await Promise.all(this.#senders.map((sender) => this.#pass(sender, report, heldInPass)));
    return report;
  }

  /**
   * Passes until nothing is pending, sleeping (through the injected sleep) until the next retry or
   * probe is due. Stops early once the next due time is after `until` (epoch ms), e.g. when a
   * blocked scope never recovers.
   */
  async drain(options: { until?: number } = {}): Promise<DispatchReport> {
    const total = emptyReport();
    this.#startRenewing();
    try {
      for (;;) {
        const report = await this.dispatchOnce();
        addReport(total, report);
        if (report.claimed > 0) continue;
        const next = await this.#outbox.nextDueAt(this.#platforms);
        if (next === null || next > (options.until ?? Number.POSITIVE_INFINITY)) return total;
        await this.#sleep(this.#waitFor(next));
      }
    } finally {
      this.#stopRenewing();
    }
  }

  /** How long to wait for `next`: a blocked queue (due but unclaimable) is looked at again soon, not spun on. */
  #waitFor(next: number): number {
    const wait = next - this.#clock();
    return wait > 0 ? wait : this.#policy.busyWaitMs;
  }

  /**
   * The heartbeat of this process's claims: while it is delivering, it renews every lease it holds
   * each third of the lease, so a slow post keeps its claim and a dead process's claims lapse within
   * one lease. Real timers, unref'd: it must tick even when a test drives the dispatcher's clock.
   */
  #startRenewing(): void {
    this.#renewing += 1;
    if (this.#renewTimer) return;
    const every = Math.max(10, Math.floor(this.#policy.leaseMs / 3));
    this.#renewTimer = setInterval(() => {
      this.#outbox.renewLeases(this.owner, this.#clock() + this.#policy.leaseMs).catch((error: unknown) => {
        this.#logger.warn({ err: error }, "could not renew delivery leases");
      });
    }, every);
    this.#renewTimer.unref();
  }

  #stopRenewing(): void {
    this.#renewing = Math.max(0, this.#renewing - 1);
    if (this.#renewing > 0 || !this.#renewTimer) return;
    clearInterval(this.#renewTimer);
    this.#renewTimer = undefined;
  }

  /** Starts one background loop per platform. Idempotent. */
  start(): void {
    if (this.#loops) return;
    const stop = new AbortController();
    this.#stop = stop;
    this.#startRenewing();
    this.#loops = Promise.all(this.#senders.map((sender) => this.#loop(sender, stop.signal))).then(() =>
      this.#stopRenewing(),
    );
  }

  /**
   * Stops the loops after the posts in flight have been recorded, waiting for them at most `graceMs`
   * (real time): posts that have not come back by then (a platform that hangs) are handed back to the
   * outbox, due at once, so that another instance takes them without waiting out their lease.
   */
  async stop(graceMs: number = STOP_GRACE_MS): Promise<void> {
    this.#stop?.abort();
    this.wake();
    const loops = this.#loops;
    this.#loops = undefined;
    this.#stop = undefined;
    if (!loops) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const hung = await Promise.race([loops.then(() => false as const), late]);
    clearTimeout(timer);
    if (!hung) return;
    this.#renewing = 0;
    this.#stopRenewing();
    let released = 0;
    for (const sender of this.#senders) released += await sender.releaseUnfinished();
    this.#logger.warn(
      { released, graceMs },
      "stopped with posts still on their way; their deliveries are handed back for another instance",
    );
  }

  /** Ends the loops' idle wait at once, e.g. after new deliveries were written or to stop. */
  wake(): void {
    const wake = this.#wake;
    this.#wake = new AbortController();
    wake.abort();
  }

  async #loop(sender: PlatformSender, stop: AbortSignal): Promise<void> {
    const platform = sender.poster.platform;
    while (!stop.aborted) {
      const wake = this.#wake.signal;
      const report = emptyReport();
      let wait = this.#policy.idleMs;
      try {
        await this.#pass(sender, report, new Map(), stop);
        if (report.claimed > 0) continue;
        const next = await this.#outbox.nextDueAt([platform]);
        if (next !== null) wait = Math.min(wait, this.#waitFor(next));
      } catch (error) {
        this.#logger.error({ err: error, platform }, "delivery pass failed");
      }
      await this.#sleep(wait, wake);
    }
  }

  async #pass(
    sender: PlatformSender,
    report: DispatchReport,
    heldInPass: Map<string, number>,
    stop?: AbortSignal,
  ): Promise<void> {
    // Claims left under this name belong to a previous life of this instance: take them back first.
    this.#recovery ??= this.#outbox.releaseLeasesOf(this.owner).catch((error: unknown) => {
      this.#recovery = undefined;
      throw error;
    });
    await this.#recovery;
    await sender.pass({
      ...(stop ? { stop } : {}),
      outbox: this.#outbox,
      policy: this.#policy,
      logger: this.#logger,
      random: this.#random,
      blockStreaks: this.#blockStreaks,
      heldInPass,
      report,
    });
  }

  async #notice(id: string): Promise<StatusChangeNotice | null> {
    const cached = this.#notices.get(id);
    if (cached) return cached;
    const notice = await this.#outbox.notice(id);
    if (notice) {
      if (this.#notices.size >= 256) this.#notices.clear();
      this.#notices.set(id, notice);
    }
    return notice;
  }
}
