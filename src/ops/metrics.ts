import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Outbox figures for the gauges: pending deliveries and when the oldest one's notice was written. */
export interface OutboxStats {
  depth: number;
  /** ISO time of the oldest pending delivery's notice, or null when nothing is pending. */
  oldestAt: string | null;
}

/**
 * The bot's Prometheus metrics, on a registry of its own (several bots in one test process never
 * share counters): answers by intent and outcome, answer latency, delivery outcomes, and the
 * outbox's depth and oldest row, read from the store when scraped.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly answers = new Counter({
    name: "briefbot_answers_total",
    help: "Requests answered, by intent (or command) and outcome.",
    labelNames: ["intent", "outcome"] as const,
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: "briefbot_answer_duration_seconds",
    help: "Time from a request reaching the core to its reply.",
    labelNames: ["intent"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: "briefbot_deliveries_total",
    help: "Notice deliveries by outcome: sent, retried, failed (out of tries) or suspended (channel gone).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: "briefbot_rate_limited_total",
    help: "Questions turned away by the per-user or per-channel limit.",
    labelNames: ["scope"] as const,
    registers: [this.registry],
  });

  constructor(outboxStats: () => Promise<OutboxStats | null>, clock: () => Date = () => new Date()) {
    let last: Promise<OutboxStats | null> | undefined;
    // Both gauges are read in one scrape; one query serves both.
    const read = () => {
      last ??= outboxStats()
        .catch(() => null)
        .finally(() => setImmediate(() => (last = undefined)));
      return last;
    };
    new Gauge({
      name: "briefbot_outbox_depth",
      help: "Deliveries waiting to be posted.",
      registers: [this.registry],
      async collect() {
        const stats = await read();
        if (stats) this.set(stats.depth);
      },
    });
    new Gauge({
      name: "briefbot_outbox_oldest_age_seconds",
      help: "Age of the oldest waiting delivery's notice; 0 when nothing waits.",
      registers: [this.registry],
      async collect() {
        const stats = await read();
        if (!stats) return;
        this.set(stats.oldestAt ? Math.max(0, (clock().getTime() - Date.parse(stats.oldestAt)) / 1000) : 0);
      },
    });
    for (const outcome of ["sent", "retried", "failed", "suspended"]) this.deliveries.inc({ outcome }, 0);
  }
}
