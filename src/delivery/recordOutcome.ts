import type { Logger } from "pino";
import { retryDelay } from "./backoff.ts";
import type { ClaimedDelivery, Outbox } from "./outbox.ts";
import type { DispatchPolicy, DispatchReport } from "./policy.ts";
import type { PostOutcome } from "./poster.ts";

/** What recording an outcome needs; shared by every delivery of a pass. */
export interface OutcomeContext {
  outbox: Outbox;
  policy: DispatchPolicy;
  logger: Logger;
  random: () => number;
  /** Consecutive `blocked` outcomes per scope, for the probe backoff. */
  blockStreaks: Map<string, number>;
  /** Scopes blocked during this pass, with their probe time, so the rest of the pass skips them. */
  heldInPass: Map<string, number>;
  report: DispatchReport;
  /** Set when the bot is stopping: posts in flight finish, the rest of the batch is released. */
  stop?: AbortSignal;
}

/** Records one post's outcome in the outbox; the outbox, not the poster, decides what happens next. */
export async function recordOutcome(
  context: OutcomeContext,
  delivery: ClaimedDelivery,
  outcome: PostOutcome,
  now: number,
): Promise<void> {
  const { outbox, policy, logger, report } = context;
  const at = new Date(now);
  const log = {
    warn: (fields: object, message: string) => logger.warn({ ...fields, ...describe(delivery) }, message),
    debug: (fields: object, message: string) => logger.debug({ ...fields, ...describe(delivery) }, message),
  };
  switch (outcome.kind) {
    case "sent": {
      await outbox.markSent(delivery, { at, messageId: outcome.messageId });
      context.blockStreaks.delete(delivery.scope);
      report.sent += 1;
      return;
    }
    case "retry": {
      if (delivery.attempt >= policy.maxAttempts) {
        const reason = `gave up after ${delivery.attempt} tries: ${outcome.reason}`;
        await outbox.markFailed(delivery, { at, reason });
        log.warn({ reason }, "delivery failed");
        report.failed += 1;
        return;
      }
      const delay = retryDelay(delivery.attempt, policy.retry, context.random, outcome.retryAfterMs);
      await outbox.scheduleRetry(delivery, { dueAt: now + delay, reason: outcome.reason });
      log.debug({ reason: outcome.reason, delay }, "delivery will be retried");
      report.retried += 1;
      return;
    }
    case "permanent": {
      await outbox.suspendChannel(delivery, { at, reason: outcome.reason });
      log.warn({ reason: outcome.reason }, "channel suspended");
      report.suspended += 1;
      return;
    }
    case "blocked": {
      const streak = (context.blockStreaks.get(outcome.scope) ?? 0) + 1;
      context.blockStreaks.set(outcome.scope, streak);
      const probeAt = now + retryDelay(streak, policy.hold, context.random, outcome.retryAfterMs);
      context.heldInPass.set(outcome.scope, probeAt);
      await outbox.holdScope(delivery, { scope: outcome.scope, reason: outcome.reason, at, probeAt });
      log.warn({ scope: outcome.scope, reason: outcome.reason, probeAt }, "scope blocked");
      report.held += 1;
      return;
    }
  }
}

function describe(delivery: ClaimedDelivery) {
  return { deliveryId: delivery.id, channel: delivery.channel, attempt: delivery.attempt };
}
