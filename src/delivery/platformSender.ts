import type { StatusChangeNotice } from "./notice.ts";
import type { ClaimedDelivery, Outbox } from "./outbox.ts";
import { Pacer } from "./pacer.ts";
import type { DispatchPolicy } from "./policy.ts";
import type { Poster, PostOutcome } from "./poster.ts";
import { type OutcomeContext, recordOutcome } from "./recordOutcome.ts";
import type { Clock, Sleep } from "./timing.ts";

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

  constructor(options: {
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
    this.#pacer = new Pacer(options.poster.pacing, options.clock, options.sleep);
    this.#notices = options.notices;
  }

  /** Claims and sends one batch; `context.report` gets the counts. */
  async pass(context: OutcomeContext): Promise<void> {
    const { leaseMs, batchSize, maxInFlight } = this.#policy;
    const perSecond = this.poster.pacing.globalPerSecond;
    const limit =
      perSecond > 0 ? Math.max(1, Math.min(batchSize, Math.floor((perSecond * leaseMs) / 2000))) : batchSize;
    const claimed = await this.#outbox.claimDue({
      now: this.#clock(),
      platforms: [this.poster.platform],
      limit,
      leaseMs,
    });
    context.report.claimed += claimed.length;
    let next = 0;
    const worker = async () => {
      while (next < claimed.length && !context.stop?.aborted) {
        await this.#deliver(claimed[next++] as ClaimedDelivery, context);
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxInFlight, claimed.length) }, worker));
    // Stopping: what was claimed but not started goes back to the outbox now, not after its lease.
    for (const delivery of claimed.slice(next)) await this.#outbox.release(delivery, this.#clock());
  }

  async #deliver(delivery: ClaimedDelivery, context: OutcomeContext): Promise<void> {
    const heldUntil = context.heldInPass.get(delivery.scope);
    if (heldUntil !== undefined) {
      await this.#outbox.release(delivery, heldUntil);
      context.report.held += 1;
      return;
    }
    const notice = await this.#notices(delivery.noticeId);
    if (!notice) {
      await this.#outbox.markFailed(delivery, { at: new Date(this.#clock()), reason: "notice missing" });
      context.report.failed += 1;
      return;
    }
    await this.#pacer.waitTurn(delivery.channel.id);
    const outcome = await this.#post(delivery, notice);
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
