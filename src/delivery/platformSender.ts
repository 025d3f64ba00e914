import type { StatusChangeNotice } from "./notice.ts";
import type { ClaimedDelivery, Outbox } from "./outbox.ts";
import { Pacer } from "./pacer.ts";
import type { DispatchPolicy } from "./policy.ts";
import type { Pacing, Poster, PostOutcome } from "./poster.ts";
import { type OutcomeContext, recordOutcome } from "./recordOutcome.ts";
import type { Clock, Sleep } from "./timing.ts";

/** Deliveries claimed together, with the first of their booked slots, `interval` ms apart. */
interface Batch {
  claimed: ClaimedDelivery[];
  start: number;
  interval: number;
  /** True when as many were due as a batch takes, so more are likely due. */
  full: boolean;
}

/**
 * One platform's side of a dispatch pass: claims its due deliveries, posts them at most
 * `maxInFlight` at a time within the poster's pacing, and records each outcome. The batch is
 * sized so that, at the platform's rate, it finishes well within the lease.
 */
export class PlatformSender {
  readonly poster: Poster;
  readonly #outbox: Outbox;
  readonly #clock: Clock;
  readonly #policy: DispatchPolicy;
  readonly #pacer: Pacer;
  readonly #notices: (id: string) => Promise<StatusChangeNotice | null>;
  readonly #owner: string;
  readonly #pacing: Pacing;
  /** Deliveries claimed and not yet recorded or released, so a stop can hand back the ones still posting. */
  readonly #unfinished = new Set<ClaimedDelivery>();
  /** The next batch, claimed while the last of the current one is posting. */
  #ahead: Promise<Batch> | undefined;

  constructor(options: {
    owner: string;
    poster: Poster;
    outbox: Outbox;
    clock: Clock;
    sleep: Sleep;
    policy: DispatchPolicy;
    notices: (id: string) => Promise<StatusChangeNotice | null>;
  }) {
    this.poster = options.poster;
    this.#outbox = options.outbox;
    this.#clock = options.clock;
    this.#policy = options.policy;
    const scale = options.policy.rateScale;
    this.#pacing = {
      globalPerSecond: options.poster.pacing.globalPerSecond * scale * options.policy.rateShare,
      perChannelIntervalMs: options.poster.pacing.perChannelIntervalMs / scale,
    };
    this.#pacer = new Pacer(this.#pacing, options.clock, options.sleep);
    this.#notices = options.notices;
    this.#owner = options.owner;
  }

  /** The store's budget of this platform's global rate, shared by every instance. */
  get #budget(): string {
    return `${this.poster.platform}:global`;
  }

  /**
   * Sends one batch; `context.report` gets the counts. A full batch on a paced platform claims the
   * next one while its last tenth of a second is posting, so a busy queue never waits on a claim
   * between two batches: the next batch's slots follow on from this one's.
   */
  async pass(context: OutcomeContext): Promise<void> {
    const { maxInFlight } = this.#policy;
    const ahead = this.#ahead;
    this.#ahead = undefined;
    const { claimed, start, interval, full } = await (ahead ?? this.#claim());
    context.report.claimed += claimed.length;
    if (claimed.length === 0) return;
    // Claim the next batch once this one is down to its last tenth of a second.
    const claimNextAt = full && interval > 0 ? Math.max(0, claimed.length - Math.ceil(100 / interval)) : -1;
    let next = 0;
    const worker = async () => {
      while (next < claimed.length && !context.stop?.aborted) {
        const index = next++;
        if (index === claimNextAt) this.#ahead = this.#claim();
        const delivery = claimed[index] as ClaimedDelivery;
        try {
          await this.#deliver(delivery, context, start + index * interval);
        } finally {
          this.#unfinished.delete(delivery);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxInFlight, claimed.length) }, worker));
    // Stopping: what was claimed but not started goes back to the outbox now, not after its lease.
    if (context.stop?.aborted) {
      const early = this.#ahead as Promise<Batch> | undefined;
      this.#ahead = undefined;
      const unstarted = [...claimed.slice(next), ...(early ? (await early).claimed : [])];
      for (const delivery of unstarted) {
        if (!this.#unfinished.delete(delivery)) continue;
        await this.#outbox.release(delivery, this.#clock());
      }
    }
  }

  /**
   * Claims what is due, at most one second of the platform's rate (so a process holds only what it is
   * about to send), and books as many slots in the platform's budget in the store: the rate is per bot
   * token, not per process, so every instance books from the one budget.
   */
  async #claim(): Promise<Batch> {
    const { leaseMs, batchSize, maxInFlight } = this.#policy;
    const { globalPerSecond: perSecond, perChannelIntervalMs } = this.#pacing;
    const limit =
      perSecond > 0 ? Math.max(maxInFlight, Math.min(batchSize, Math.ceil(perSecond))) : batchSize;
    const now = this.#clock();
    const claimed = await this.#outbox.claimDue({
      now,
      platforms: [this.poster.platform],
      limit,
      leaseMs,
      owner: this.#owner,
      channelIntervalMs: perChannelIntervalMs,
    });
    for (const delivery of claimed) this.#unfinished.add(delivery);
    const interval = perSecond > 0 ? 1000 / perSecond : 0;
    if (claimed.length === 0) return { claimed, start: now, interval, full: false };
    const start = await this.#outbox.reserveSlots(this.#budget, claimed.length, interval, now);
    return { claimed, start, interval, full: claimed.length === limit };
  }

  /**
   * Hands back every delivery this sender claimed and has not recorded, posts still on their way
   * included: due at once, for another instance (or the next start) to take without waiting out the
   * lease. A post that went out is sent again there; Discord drops the repeat by its nonce.
   */
  async releaseUnfinished(): Promise<number> {
    const unfinished = [...this.#unfinished];
    this.#unfinished.clear();
    for (const delivery of unfinished) await this.#outbox.release(delivery, this.#clock());
    return unfinished.length;
  }

  async #deliver(delivery: ClaimedDelivery, context: OutcomeContext, slot: number): Promise<void> {
    const heldUntil = context.heldInPass.get(delivery.scope);
    if (heldUntil !== undefined) {
      await this.#outbox.release(delivery, heldUntil);
      context.report.held += 1;
      return;
    }
    // A try in doubt may already be on screen: re-posting it after a newer notice exists would show an
    // old status again, unless the platform drops repeats itself.
    if (
      delivery.inDoubt &&
      !this.poster.idempotent &&
      (await this.#outbox.dropIfSuperseded(delivery, new Date(this.#clock())))
    ) {
      context.report.superseded += 1;
      context.logger.info(
        { deliveryId: delivery.id, channel: delivery.channel, noticeId: delivery.noticeId },
        "re-delivery dropped: a newer notice about the entity is queued or sent to the channel",
      );
      return;
    }
    const notice = await this.#notices(delivery.noticeId);
    if (!notice) {
      await this.#outbox.markFailed(delivery, { at: new Date(this.#clock()), reason: "notice missing" });
      context.report.failed += 1;
      return;
    }
    await this.#pacer.waitTurn(delivery.channel.id, slot);
    await this.#outbox.beginTry(delivery);
    const outcome = await this.#post(delivery, notice);
    if (outcome.kind === "retry" && outcome.platformWide && outcome.retryAfterMs) {
      // The platform holds every post of the bot: this process waits it out, and so does every
      // instance, since none books a slot of the shared budget before it is over.
      const until = this.#clock() + outcome.retryAfterMs;
      this.#pacer.holdUntil(until);
      await this.#outbox.holdBudget(this.#budget, until);
    }
    await recordOutcome(context, delivery, outcome, this.#clock());
  }

  /** A thrown error is a network failure as far as the outbox is concerned: try again later. */
  async #post(delivery: ClaimedDelivery, notice: StatusChangeNotice): Promise<PostOutcome> {
    try {
      return await this.poster.post(delivery.channel, notice, {
        deliveryId: delivery.id,
        nonce: delivery.nonce,
        attempt: delivery.attempt,
      });
    } catch (error) {
      return { kind: "retry", reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
