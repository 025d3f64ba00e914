import type { Logger } from "pino";
import type { Platform } from "../commands/request.ts";
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

/** What a dispatcher runs on; `sleep` and `random` default to real timers and Math.random. */
export interface DispatcherOptions {
  outbox: Outbox;
  posters: Poster[];
  logger: Logger;
  clock: Clock;
  sleep?: Sleep;
  random?: () => number;
  policy?: Partial<DispatchPolicy>;
}

/**
 * Sends the outbox's due deliveries through each platform's poster, paced by `poster.pacing`,
 * and records every outcome.
 *
 * Delivery guarantee: a delivery is posted until one try returns `sent`, and is marked sent in
 * its own write straight after. If the process dies after the platform accepted a post but before
 * that write, the claim's lease runs out and the delivery is posted again. So delivery is at least
 * once, and a duplicate needs a crash inside that window: one crash duplicates at most
 * `maxInFlight` posts, one per post in flight when it died. Discord closes the window: every try
 * of a delivery carries the same `nonce`, and with enforce_nonce Discord returns the first message
 * instead of posting a second (within its few-minute nonce window). Slack's chat.postMessage has no
 * idempotency key, so there a crash can, rarely, show a notice twice. Run one dispatcher per
 * database: a second cannot claim the same delivery, but a post slower than the lease could be
 * claimed and sent again.
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

  constructor(options: DispatcherOptions) {
    this.#outbox = options.outbox;
    this.#platforms = options.posters.map((poster) => poster.platform);
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#policy = { ...defaultDispatchPolicy, ...options.policy };
    this.#senders = options.posters.map(
      (poster) =>
        new PlatformSender({
          poster,
          outbox: this.#outbox,
          clock: this.#clock,
          sleep: this.#sleep,
          policy: this.#policy,
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
    for (;;) {
      const report = await this.dispatchOnce();
      addReport(total, report);
      if (report.claimed > 0) continue;
      const next = await this.#outbox.nextDueAt(this.#platforms);
      if (next === null || next > (options.until ?? Number.POSITIVE_INFINITY)) return total;
      await this.#sleep(Math.max(1, next - this.#clock()));
    }
  }

  /** Starts one background loop per platform. Idempotent. */
  start(): void {
    if (this.#loops) return;
    const stop = new AbortController();
    this.#stop = stop;
    this.#loops = Promise.all(this.#senders.map((sender) => this.#loop(sender, stop.signal))).then(() => {});
  }

  /** Stops the loops after the posts in flight have been recorded. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    this.wake();
    await this.#loops;
    this.#loops = undefined;
    this.#stop = undefined;
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
        if (next !== null) wait = Math.min(wait, Math.max(1, next - this.#clock()));
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
