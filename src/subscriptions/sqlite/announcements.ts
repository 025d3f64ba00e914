import type { State } from "../../knowledge/schema.ts";
import type {
  AnnouncedStatus,
  Announcement,
  AnnouncementLog,
  Announcements,
  AnnounceResult,
} from "../store.ts";
import { type SqliteDatabase, type SqlStatement, statementCache } from "./database.ts";

const fanOut = `
  INSERT INTO deliveries (id, notice_id, platform, channel_id, channel_name, scope, due_at)
  SELECT lower(hex(randomblob(12))), @noticeId, platform, channel_id, max(channel_name), min(scope), @dueAt
  FROM subscriptions
  WHERE suspended_at IS NULL AND (topic = '*' OR topic = @entityId)
  GROUP BY platform, channel_id`;

const upsertAnnounced = `
  INSERT INTO announced (entity_id, key, state, notice_id, announced_at, version)
  VALUES (@entityId, @key, @state, @noticeId, @at, @version)
  ON CONFLICT (entity_id) DO UPDATE SET key = excluded.key, state = excluded.state,
    notice_id = excluded.notice_id, announced_at = excluded.announced_at, version = excluded.version`;

/** The announced-status log and the outbox write, in SQLite. */
export class SqliteAnnouncementLog implements AnnouncementLog {
  readonly #db: SqliteDatabase;
  readonly #sql: (sql: string) => SqlStatement;

  constructor(db: SqliteDatabase, sql: (sql: string) => SqlStatement = statementCache(db)) {
    this.#db = db;
    this.#sql = sql;
  }

  async announcements(): Promise<Announcements> {
    const baseline = this.#sql("SELECT value FROM meta WHERE key = 'baseline_at'").get() as
      | { value: string }
      | undefined;
    const rows = this.#sql("SELECT * FROM announced").all() as {
      entity_id: string;
      key: string;
      state: State;
      notice_id: string | null;
      announced_at: string;
    }[];
    const statuses = new Map<string, AnnouncedStatus>();
    for (const row of rows) {
      statuses.set(row.entity_id, {
        entityId: row.entity_id,
        key: row.key,
        state: row.state,
        noticeId: row.notice_id,
        at: row.announced_at,
      });
    }
    return { baselineAt: baseline?.value ?? null, statuses };
  }

  async recordBaseline(
    statuses: { entityId: string; key: string; state: State }[],
    at: Date,
  ): Promise<boolean> {
    return this.#db.transaction(() => {
      const inserted = this.#sql(
        "INSERT INTO meta (key, value) VALUES ('baseline_at', ?) ON CONFLICT (key) DO NOTHING",
      ).run(at.toISOString());
      if (inserted.changes === 0) return false;
      const upsert = this.#sql(upsertAnnounced);
      for (const status of statuses)
        upsert.run({ ...status, noticeId: null, at: at.toISOString(), version: 0 });
      return true;
    })();
  }

  async announce(announcement: Announcement): Promise<AnnounceResult> {
    const { notice, key, expectedKey, dueAt } = announcement;
    const entityId = notice.entity.id;
    return this.#db.transaction((): AnnounceResult => {
      const current = this.#sql("SELECT key, version FROM announced WHERE entity_id = ?").get(entityId) as
        | { key: string; version: number }
        | undefined;
      if ((current?.key ?? null) !== expectedKey) return { kind: "conflict" };
      const version = (current?.version ?? 0) + 1;
      // The unique (entity_id, version) key makes one change one notice, whoever announces it.
      this.#sql("INSERT INTO notices (id, entity_id, version, created_at, body) VALUES (?, ?, ?, ?, ?)").run(
        notice.id,
        entityId,
        version,
        notice.createdAt,
        JSON.stringify(notice),
      );
      this.#sql(upsertAnnounced).run({
        entityId,
        key,
        state: notice.to,
        noticeId: notice.id,
        at: notice.createdAt,
        version,
      });
      const fannedOut = this.#sql(fanOut).run({ noticeId: notice.id, entityId, dueAt });
      return { kind: "announced", deliveries: fannedOut.changes };
    })();
  }
}
