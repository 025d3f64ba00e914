import type { ChatStatusUpdate } from "../../knowledge/chatUpdate.ts";
import type { State } from "../../knowledge/schema.ts";
import type { Platform } from "../../messages/addresses.ts";
import type { ChatUpdateLog } from "../store.ts";
import type { SqliteDatabase } from "./database.ts";

interface ChatUpdateRow {
  id: string;
  entity_id: string;
  state: State;
  reason: string;
  url: string | null;
  by_platform: Platform;
  by_id: string;
  by_name: string | null;
  at: string;
}

/** Status changes reported in chat, in SQLite. */
export class SqliteChatUpdateLog implements ChatUpdateLog {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  async addChatUpdate(update: ChatStatusUpdate): Promise<void> {
    this.#db
      .prepare(`INSERT INTO chat_updates (id, entity_id, state, reason, url, by_platform, by_id, by_name, at)
        VALUES (@id, @entityId, @state, @reason, @url, @byPlatform, @byId, @byName, @at)`)
      .run({
        id: update.id,
        entityId: update.entityId,
        state: update.state,
        reason: update.reason,
        url: update.url ?? null,
        byPlatform: update.by.platform,
        byId: update.by.id,
        byName: update.by.name ?? null,
        at: update.at,
      });
  }

  async holdUpdate(key: string, body: string, expiresAt: number): Promise<void> {
    this.#db
      .prepare(`INSERT INTO held_updates (key, body, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at`)
      .run(key, body, expiresAt);
  }

  async takeHeldUpdate(key: string, now: number): Promise<string | null> {
    const row = this.#db
      .prepare("DELETE FROM held_updates WHERE key = ? RETURNING body, expires_at AS expiresAt")
      .get(key) as { body: string; expiresAt: number } | undefined;
    this.#db.prepare("DELETE FROM held_updates WHERE expires_at < ?").run(now);
    return row && row.expiresAt >= now ? row.body : null;
  }

  async chatUpdates(): Promise<ChatStatusUpdate[]> {
    const rows = this.#db.prepare("SELECT * FROM chat_updates ORDER BY seq").all() as ChatUpdateRow[];
    return rows.map((row) => ({
      id: row.id,
      entityId: row.entity_id,
      state: row.state,
      reason: row.reason,
      ...(row.url ? { url: row.url } : {}),
      by: { platform: row.by_platform, id: row.by_id, ...(row.by_name ? { name: row.by_name } : {}) },
      at: row.at,
    }));
  }
}
