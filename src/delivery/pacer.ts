import type { Pacing } from "./poster.ts";
import type { Clock, Sleep } from "./timing.ts";

const pruneAbove = 10_000;

/**
 * Spaces posts to one platform: at least `1000 / globalPerSecond` ms between any two, and
 * `perChannelIntervalMs` between two to the same channel. Slots are reserved before waiting, so
 * concurrent senders queue up instead of all waking at once. Zero in either field means no limit.
 */
export class Pacer {
  readonly #pacing: Pacing;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  #globalNext = 0;
  readonly #channelNext = new Map<string, number>();

  constructor(pacing: Pacing, clock: Clock, sleep: Sleep) {
    this.#pacing = pacing;
    this.#clock = clock;
    this.#sleep = sleep;
  }

  /**
   * Resolves when a post to `channelKey` may go out, and books that slot. `notBefore` (epoch ms) is a
   * slot already booked elsewhere, e.g. in the store's budget shared by every instance.
   */
  async waitTurn(channelKey: string, notBefore = 0): Promise<void> {
    const { globalPerSecond, perChannelIntervalMs } = this.#pacing;
    const now = this.#clock();
    if (globalPerSecond <= 0 && perChannelIntervalMs <= 0) {
      if (notBefore > now) await this.#sleep(notBefore - now);
      return;
    }
    let at = Math.max(now, notBefore);
    if (globalPerSecond > 0) at = Math.max(at, this.#globalNext);
    if (perChannelIntervalMs > 0) at = Math.max(at, this.#channelNext.get(channelKey) ?? 0);
    if (globalPerSecond > 0) this.#globalNext = at + 1000 / globalPerSecond;
    if (perChannelIntervalMs > 0) {
      this.#channelNext.set(channelKey, at + perChannelIntervalMs);
      if (this.#channelNext.size > pruneAbove) this.#prune(now);
    }
    if (at > now) await this.#sleep(at - now);
  }

  /** Books no slot before `until` (epoch ms): the platform said to wait. */
  holdUntil(until: number): void {
    this.#globalNext = Math.max(this.#globalNext, until);
  }

  #prune(now: number): void {
    for (const [key, next] of this.#channelNext) {
      if (next <= now) this.#channelNext.delete(key);
    }
  }
}
