/** Milliseconds since the epoch, injected so that tests can move time on their own. */
export type Clock = () => number;

/**
 * Milliseconds since the epoch on a monotonic clock: set from the wall clock once, when the process
 * starts, it then only moves forward at the rate of time passing, so setting the wall clock (by hand,
 * or a virtual machine's clock catching up) moves no lease, pace or retry of a delivery.
 */
export const monotonicClock: Clock = () => Math.floor(performance.timeOrigin + performance.now());

/**
 * Waits `ms` milliseconds, or less when `signal` aborts. Injected so that tests can advance a
 * manual clock instead of waiting; the dispatcher never calls setTimeout directly.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A Sleep on real timers that resolves early, without throwing, when its signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener("abort", finish, { once: true });
  });
