import type { Logger } from "pino";
import type { Platform } from "../commands/request.ts";
import type { StatusChangeNotice } from "./notice.ts";
import type { ClaimedDelivery, Outbox } from "./outbox.ts";
import { Pacer } from "./pacer.ts";
import {
  addReport,
  type DispatchPolicy,
  type DispatchReport,
  defaultDispatchPolicy,
  emptyReport,
} from "./policy.ts";
import type { Poster, PostOutcome } from "./poster.ts";
import { type OutcomeContext, recordOutcome } from "./recordOutcome.ts";
import { type Clock, realSleep, type Sleep } from "./timing.ts";

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
  readonly #posters: Poster[];
  readonly #platforms: Platform[];
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #policy: DispatchPolicy;
  readonly #pacers = new Map<Platform, Pacer>();
  readonly #blockStreaks = new Map<string, number>();
  readonly #notices = new Map<string, StatusChangeNotice>();
  #stop: AbortController | undefined;
  #wake = new AbortController();
  #loops: Promise<void> | undefined;

  constructor(options: DispatcherOptions) {
    this.#outbox = options.outbox;
    this.#posters = options.posters;
    this.#platforms = options.posters.map((poster) => poster.platform);
    this.#logger = options.logger;
    this.#clock = options.clock;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#policy = { ...defaultDispatchPolicy, ...options.policy };
    for (const poster of options.posters) {
      this.#pacers.set(poster.platform, new Pacer(poster.pacing, this.#clock, this.#sleep));
    }
  }

  /** One pass over every platform: claims what is due, posts it, records the outcomes. */
  async dispatchOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    const heldInPass = new Map<string, number>();
    await Promise.all(this.#posters.map((poster) => this.#pass(poster, report, heldInPass)));
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
    this.#loops = Promise.all(this.#posters.map((poster) => this.#loop(poster, stop.signal))).then(() => {});
  }

  /** Stops the loops after the posts in flight have been recorded. */
  async stop(): Promise<void> {
    this.#stop?.abort();
    await this.#loops;
    this.#loops = undefined;
    this.#stop = undefined;
  }

  /** Ends the loops' idle wait at once, e.g. after new deliveries were written. */
  wake(): void {
    const wake = this.#wake;
    this.#wake = new AbortController();
    wake.abort();
  }

  async #loop(poster: Poster, stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      const wake = this.#wake.signal;
      const report = emptyReport();
      let wait = this.#policy.idleMs;
      try {
        await this.#pass(poster, report, new Map());
        if (report.claimed > 0) continue;
        const next = await this.#outbox.nextDueAt([poster.platform]);
        if (next !== null) wait = Math.min(wait, Math.max(1, next - this.#clock()));
      } catch (error) {
        this.#logger.error({ err: error, platform: poster.platform }, "delivery pass failed");
      }
      await this.#sleep(wait, AbortSignal.any([stop, wake]));
    }
  }

  async #pass(poster: Poster, report: DispatchReport, heldInPass: Map<string, number>): Promise<void> {
    const { leaseMs, batchSize, maxInFlight } = this.#policy;
    const perSecond = poster.pacing.globalPerSecond;
    const limit =
      perSecond > 0 ? Math.max(1, Math.min(batchSize, Math.floor((perSecond * leaseMs) / 2000))) : batchSize;
    const claimed = await this.#outbox.claimDue({
      now: this.#clock(),
      platforms: [poster.platform],
      limit,
      leaseMs,
    });
    report.claimed += claimed.length;
    const context: OutcomeContext = {
      outbox: this.#outbox,
      policy: this.#policy,
      logger: this.#logger,
      random: this.#random,
      blockStreaks: this.#blockStreaks,
      heldInPass,
      report,
    };
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const delivery = claimed[next++] as ClaimedDelivery;
        await this.#deliver(poster, delivery, context);
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxInFlight, claimed.length) }, worker));
  }

  async #deliver(poster: Poster, delivery: ClaimedDelivery, context: OutcomeContext): Promise<void> {
    const heldUntil = context.heldInPass.get(delivery.scope);
    if (heldUntil !== undefined) {
      await this.#outbox.release(delivery, heldUntil);
      context.report.held += 1;
      return;
    }
    const notice = await this.#notice(delivery.noticeId);
    if (!notice) {
      await this.#outbox.markFailed(delivery, { at: new Date(this.#clock()), reason: "notice missing" });
      context.report.failed += 1;
      return;
    }
    await (this.#pacers.get(poster.platform) as Pacer).waitTurn(delivery.channel.id);
    const outcome = await this.#post(poster, delivery, notice);
    await recordOutcome(context, delivery, outcome, this.#clock());
  }

  async #post(poster: Poster, delivery: ClaimedDelivery, notice: StatusChangeNotice): Promise<PostOutcome> {
    try {
      return await poster.post(delivery.channel, notice, {
        deliveryId: delivery.id,
        nonce: delivery.nonce,
        attempt: delivery.attempt,
      });
    } catch (error) {
      return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
    }
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
