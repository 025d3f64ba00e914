/**
 * Work done in steps: each `yield` is a point where the caller may let other work run. A large
 * build written this way is run to its end at once where nothing else waits (a one-shot command),
 * or in slices between the questions of a running bot.
 */
export type Steps<T = void> = Generator<void, T, void>;

/** Runs every step now, as a plain function call would. */
export function runToEnd<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/** The longest a slice of a build holds the thread before questions, health checks and I/O get a turn. */
export const SLICE_MS = 8;

/**
 * Runs the steps in slices of about `sliceMs`, giving the event loop a turn between them (timers,
 * sockets, questions), so that no caller waits on the build for much longer than one slice.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() >= deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      deadline = performance.now() + sliceMs;
    }
  }
}
