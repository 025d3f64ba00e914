import { randomUUID } from "node:crypto";
import type { StatusChangeNotice } from "../../delivery/notice.ts";
import type { ClaimedDelivery, ClaimOptions, Outbox } from "../../delivery/outbox.ts";
import type { Platform } from "../../messages/addresses.ts";
import { type SqliteDatabase, type SqlStatement, statementCache } from "./database.ts";

interface ClaimedRow {
  seq: number;
  id: string;
  notice_id: string;
  platform: Platform;
  channel_id: string;
  channel_name: string | null;
  scope: string;
  attempts: number;
  in_doubt: number;
}

/**
 * A delivery `d` that may be claimed now: due, not leased, the oldest pending one of its channel, and its
 * channel not posted to within the pace interval.
 */
const claimable = `d.status = 'pending' AND d.due_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now)
  AND d.platform IN (SELECT value FROM json_each(@platforms))
  AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.platform = d.platform AND e.channel_id = d.channel_id
    AND e.status = 'pending' AND e.seq < d.seq)
  AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.platform = d.platform AND e.channel_id = d.channel_id
    AND e.sent_ms > @now - @interval)`;
/** A claim opens a try; `in_doubt` says whether the previous one was left open (no outcome recorded). */
const claimSet = `attempts = attempts + 1, lease_until = @leaseUntil, lease_token = @token, lease_owner = @owner,
  in_doubt = open_try, open_try = 0`;
const returning =
  "RETURNING seq, id, notice_id, platform, channel_id, channel_name, scope, attempts, in_doubt";
/** An outcome was recorded: the lease ends and the try is settled. */
const released = "lease_until = NULL, lease_token = NULL, lease_owner = NULL, open_try = 0";
/** A dead process's lease is freed: its try stays unsettled, so the next claim knows it is in doubt. */
const lapsed = "lease_until = NULL, lease_token = NULL, lease_owner = NULL";
const mine = "id = @id AND lease_token = @token AND status = 'pending'";

/** The `last_error` of a re-delivery dropped because a newer notice went to the channel. */
export const supersededReason = "superseded by a newer notice";

/** How a one-shot run (`--execute`) names itself as a lease owner, so a starting bot leaves its leases. */
export const ONE_SHOT_OWNER = "one-shot:";

/** The outbox's claim, lease and outcome writes, in SQLite. */
export class SqliteOutbox implements Outbox {
  readonly #db: SqliteDatabase;
  readonly #sql: (sql: string) => SqlStatement;

  constructor(db: SqliteDatabase, sql: (sql: string) => SqlStatement = statementCache(db)) {
    this.#db = db;
    this.#sql = sql;
  }

  async claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    const token = randomUUID();
    const params = {
      now: options.now,
      leaseUntil: options.now + options.leaseMs,
      token,
      owner: options.owner,
      interval: options.channelIntervalMs ?? 0,
      platforms: JSON.stringify(options.platforms),
    };
    return this.#db.transaction(() => {
      const claimed: ClaimedDelivery[] = [];
      const dueHolds = this.#sql("SELECT scope FROM holds WHERE probe_at <= ?").all(options.now) as {
        scope: string;
      }[];
      for (const { scope } of dueHolds) {
        if (claimed.length >= options.limit) break;
        const row = this.#sql(`UPDATE deliveries SET ${claimSet} WHERE seq = (SELECT seq FROM deliveries d
            WHERE ${claimable} AND d.scope = @scope ORDER BY d.due_at, d.seq LIMIT 1) ${returning}`).get({
          ...params,
          scope,
        }) as ClaimedRow | undefined;
        if (!row) continue;
        this.#sql("UPDATE holds SET probe_at = ? WHERE scope = ?").run(params.leaseUntil, scope);
        claimed.push(toClaimed(row, token, true));
      }
      const rows = this.#sql(`UPDATE deliveries SET ${claimSet} WHERE seq IN (SELECT seq FROM deliveries d
          WHERE ${claimable} AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.scope = d.scope)
          ORDER BY d.due_at, d.seq LIMIT @limit) ${returning}`).all({
        ...params,
        limit: options.limit - claimed.length,
      }) as ClaimedRow[];
      rows.sort((a, b) => a.seq - b.seq);
      for (const row of rows) claimed.push(toClaimed(row, token, false));
      return claimed;
    })();
  }

  async beginTry(delivery: ClaimedDelivery): Promise<void> {
    this.#sql("UPDATE deliveries SET open_try = 1 WHERE id = ? AND lease_token = ?").run(
      delivery.id,
      delivery.leaseToken,
    );
  }

  async notice(id: string): Promise<StatusChangeNotice | null> {
    const row = this.#sql("SELECT body FROM notices WHERE id = ?").get(id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as StatusChangeNotice) : null;
  }

  async markSent(delivery: ClaimedDelivery, sent: { at: Date; messageId?: string }): Promise<void> {
    const markSent = () =>
      this.#sql(`UPDATE deliveries SET status = 'sent', finished_at = ?, sent_ms = ?, message_id = ?,
            last_error = NULL, ${released}
          WHERE id = ? AND status = 'pending'`).run(
        sent.at.toISOString(),
        sent.at.getTime(),
        sent.messageId ?? null,
        delivery.id,
      );
    if (!delivery.probe) {
      markSent();
      return;
    }
    this.#db.transaction(() => {
      markSent();
      this.#sql("DELETE FROM holds WHERE scope = ?").run(delivery.scope);
    })();
  }

  async scheduleRetry(delivery: ClaimedDelivery, retry: { dueAt: number; reason: string }): Promise<void> {
    this.#db.transaction(() => {
      this.#sql(`UPDATE deliveries SET due_at = @dueAt, last_error = @reason, ${released} WHERE ${mine}`).run(
        { id: delivery.id, token: delivery.leaseToken, dueAt: retry.dueAt, reason: retry.reason },
      );
      this.#endProbe(delivery, retry.dueAt);
    })();
  }

  async markFailed(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void> {
    this.#db.transaction(() => {
      this.#finish(delivery, "failed", failure);
      this.#endProbe(delivery, failure.at.getTime());
    })();
  }

  async suspendChannel(delivery: ClaimedDelivery, failure: { at: Date; reason: string }): Promise<void> {
    const params = {
      platform: delivery.channel.platform,
      channelId: delivery.channel.id,
      at: failure.at.toISOString(),
      reason: failure.reason,
      id: delivery.id,
    };
    this.#db.transaction(() => {
      this.#finish(delivery, "failed", failure);
      this.#sql(`UPDATE subscriptions SET suspended_at = @at, suspended_reason = @reason
          WHERE platform = @platform AND channel_id = @channelId AND suspended_at IS NULL`).run(params);
      this.#sql(`UPDATE deliveries SET status = 'cancelled', finished_at = @at,
            last_error = 'channel suspended: ' || @reason, ${released}
          WHERE platform = @platform AND channel_id = @channelId AND status = 'pending' AND id <> @id`).run(
        params,
      );
      this.#endProbe(delivery, failure.at.getTime());
    })();
  }

  async holdScope(
    delivery: ClaimedDelivery,
    hold: { scope: string; reason: string; at: Date; probeAt: number },
  ): Promise<void> {
    this.#db.transaction(() => {
      this.#sql(`INSERT INTO holds (scope, reason, since, probe_at) VALUES (@scope, @reason, @since, @probeAt)
          ON CONFLICT (scope) DO UPDATE SET reason = excluded.reason, probe_at = excluded.probe_at`).run({
        scope: hold.scope,
        reason: hold.reason,
        since: hold.at.toISOString(),
        probeAt: hold.probeAt,
      });
      this.#release(delivery, hold.probeAt, hold.reason);
    })();
  }

  async release(delivery: ClaimedDelivery, dueAt: number): Promise<void> {
    this.#release(delivery, dueAt, null);
  }

  async nextDueAt(platforms: Platform[]): Promise<number | null> {
    const row =
      this.#sql(`SELECT min(max(d.due_at, coalesce(d.lease_until, 0), coalesce(h.probe_at, 0))) AS next
        FROM deliveries d LEFT JOIN holds h ON h.scope = d.scope
        WHERE d.status = 'pending' AND d.platform IN (SELECT value FROM json_each(?))
          AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.platform = d.platform
            AND e.channel_id = d.channel_id AND e.status = 'pending' AND e.seq < d.seq)`).get(
        JSON.stringify(platforms),
      ) as { next: number | null };
    return row.next;
  }

  async releaseLeasesOf(owner: string): Promise<number> {
    if (!this.#leasesOf(owner)) return 0;
    return this.#sql(`UPDATE deliveries SET ${lapsed} WHERE lease_owner = ? AND status = 'pending'`).run(
      owner,
    ).changes;
  }

  async renewLeases(owner: string, leaseUntil: number): Promise<void> {
    if (!this.#leasesOf(owner)) return;
    this.#sql(`UPDATE deliveries SET lease_until = ? WHERE lease_owner = ? AND status = 'pending'
        AND lease_token IS NOT NULL`).run(leaseUntil, owner);
  }

  async dropIfSuperseded(delivery: ClaimedDelivery, at: Date): Promise<boolean> {
    return this.#db.transaction(() => {
      const newer = this.#sql(`SELECT 1 FROM deliveries d JOIN notices n ON n.id = d.notice_id
          JOIN deliveries mine ON mine.id = @id JOIN notices old ON old.id = mine.notice_id
          WHERE d.platform = mine.platform AND d.channel_id = mine.channel_id AND d.seq > mine.seq
            AND d.status IN ('pending', 'sent') AND n.entity_id = old.entity_id LIMIT 1`).get({
        id: delivery.id,
      });
      if (!newer) return false;
      const dropped = this.#sql(`UPDATE deliveries SET status = 'cancelled', finished_at = @at,
            last_error = '${supersededReason}', ${released} WHERE ${mine}`).run({
        id: delivery.id,
        token: delivery.leaseToken,
        at: at.toISOString(),
      });
      this.#endProbe(delivery, at.getTime());
      return dropped.changes > 0;
    })();
  }

  async reserveSlots(key: string, count: number, intervalMs: number, now: number): Promise<number> {
    const span = Math.max(0, count) * Math.max(0, intervalMs);
    if (span === 0) return now;
    const row = this.#sql(`INSERT INTO rate_budgets (key, next_at) VALUES (@key, @now + @span)
        ON CONFLICT (key) DO UPDATE SET next_at = max(rate_budgets.next_at, @now) + @span
        RETURNING next_at - @span AS start`).get({ key, now, span }) as { start: number };
    return row.start;
  }

  async holdBudget(key: string, until: number): Promise<void> {
    this.#sql(`INSERT INTO rate_budgets (key, next_at) VALUES (@key, @until)
        ON CONFLICT (key) DO UPDATE SET next_at = max(rate_budgets.next_at, @until)`).run({
      key,
      until: Math.round(until),
    });
  }

  /** Whether `owner` holds any lease: read first, since a write waits on another connection's lock. */
  #leasesOf(owner: string): boolean {
    return (
      this.#sql("SELECT 1 FROM deliveries WHERE lease_owner = ? AND status = 'pending' LIMIT 1").get(
        owner,
      ) !== undefined
    );
  }

  /** Frees every lease: only for a store that holds the database alone, so any lease is a dead process's. */
  releaseAllLeases(): number {
    // Read first: a write would wait on another connection's lock even with nothing to free.
    // A one-shot run's leases are left to lapse: it may be posting beside the bot that opens the file.
    const leased = this.#sql(
      "SELECT 1 FROM deliveries WHERE status = 'pending' AND lease_token IS NOT NULL AND (lease_owner IS NULL OR lease_owner NOT LIKE @oneShot) LIMIT 1",
    ).get({ oneShot: `${ONE_SHOT_OWNER}%` });
    if (!leased) return 0;
    return this.#sql(
      `UPDATE deliveries SET ${lapsed} WHERE status = 'pending' AND lease_token IS NOT NULL AND (lease_owner IS NULL OR lease_owner NOT LIKE @oneShot)`,
    ).run({ oneShot: `${ONE_SHOT_OWNER}%` }).changes;
  }

  #finish(delivery: ClaimedDelivery, status: "failed", failure: { at: Date; reason: string }): void {
    this.#sql(`UPDATE deliveries SET status = @status, finished_at = @at, last_error = @reason, ${released}
        WHERE ${mine}`).run({
      id: delivery.id,
      token: delivery.leaseToken,
      status,
      at: failure.at.toISOString(),
      reason: failure.reason,
    });
  }

  #release(delivery: ClaimedDelivery, dueAt: number, reason: string | null): void {
    this.#sql(`UPDATE deliveries SET attempts = max(0, attempts - 1), due_at = @dueAt,
          last_error = coalesce(@reason, last_error), ${released}
        WHERE ${mine}`).run({ id: delivery.id, token: delivery.leaseToken, dueAt, reason });
  }

  /** A probe that neither succeeded nor was blocked again lets the next probe go at `probeAt`. */
  #endProbe(delivery: ClaimedDelivery, probeAt: number): void {
    if (delivery.probe)
      this.#sql("UPDATE holds SET probe_at = ? WHERE scope = ?").run(probeAt, delivery.scope);
  }
}

function toClaimed(row: ClaimedRow, token: string, probe: boolean): ClaimedDelivery {
  return {
    id: row.id,
    nonce: row.id,
    noticeId: row.notice_id,
    channel: {
      platform: row.platform,
      id: row.channel_id,
      ...(row.channel_name ? { name: row.channel_name } : {}),
    },
    scope: row.scope,
    attempt: row.attempts,
    leaseToken: token,
    probe,
    inDoubt: row.in_doubt === 1,
  };
}
