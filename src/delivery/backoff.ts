/** Bounds for exponential backoff. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before try number `attempt + 1`: exponential in `attempt`, capped, with "equal jitter"
 * (half fixed, half random) so that a thousand channels failing together do not retry together,
 * and never sooner than the platform's `retryAfterMs`.
 */
export function retryDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.ceil(Math.max(jittered, retryAfterMs ?? 0));
}
