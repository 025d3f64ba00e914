import { existsSync, statSync } from "node:fs";
import type Database from "better-sqlite3";
import { OperatorError } from "../failure.ts";
import type { ChatStatusUpdate } from "../knowledge/chatUpdate.ts";
import { databaseFailure, LOCK_WAIT_MS } from "../subscriptions/sqlite/databaseErrors.ts";

/** Where the bot keeps what it learns in chat, as `brief` found it. */
export type StoreReading =
  | { kind: "none"; where: string }
  | { kind: "read"; where: string; updates: ChatStatusUpdate[] };

/**
 * The status changes the bot recorded from chat (`update` and `confirm`), from the store the bot
 * itself uses: PostgreSQL when `databaseUrl` is set, else the SQLite file at `dbPath`. The SQLite
 * file is opened read-only and without the bot's process lock, so `brief` reads it while the bot
 * runs. No file yet (the bot has never run here) reads as no store; a store that exists but cannot
 * be read is an `OperatorError` with one line, since answering without it would contradict the bot.
 * Each store's driver is imported only when that store is read, so a question asked where there is
 * no store does not wait for either to load.
 */
export async function readChatUpdates(options: {
  dbPath: string;
  databaseUrl?: string | undefined;
}): Promise<StoreReading> {
  if (options.databaseUrl) return readPostgres(options.databaseUrl);
  const path = options.dbPath;
  const where = `${path} (BRIEFBOT_DB_PATH)`;
  if (path === ":memory:" || !existsSync(path)) return { kind: "none", where };
  if (statSync(path).isDirectory())
    throw databaseFailure(Object.assign(new Error(), { code: "EISDIR" }), path, "read");
  let db: Database.Database | undefined;
  try {
    const [{ default: Database }, { SqliteChatUpdateLog }] = await Promise.all([
      import("better-sqlite3"),
      import("../subscriptions/sqlite/chatUpdates.ts"),
    ]);
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'chat_updates'")
      .get();
    if (!table) return { kind: "none", where };
    return { kind: "read", where, updates: await new SqliteChatUpdateLog(db).chatUpdates() };
  } catch (error) {
    throw databaseFailure(error, path, "read");
  } finally {
    db?.close();
  }
}

/** The chat updates in PostgreSQL, through the bot's own store (which migrates an empty database as the bot would). */
async function readPostgres(url: string): Promise<StoreReading> {
  const where = `PostgreSQL at ${hostOf(url)} (DATABASE_URL)`;
  const [{ openPostgresSubscriptionStore }, { describeStoreProblem }] = await Promise.all([
    import("../subscriptions/postgres/postgresStore.ts"),
    import("../subscriptions/storeProblem.ts"),
  ]);
  try {
    const store = await openPostgresSubscriptionStore(url, { poolSize: 1 });
    try {
      return { kind: "read", where, updates: await store.chatUpdates() };
    } finally {
      await store.close();
    }
  } catch (error) {
    const line = describeStoreProblem(error);
    if (line) throw new OperatorError(line, { cause: error });
    const code = (error as { code?: unknown } | null)?.code;
    throw new OperatorError(
      `cannot read ${where} (${typeof code === "string" ? code : error instanceof Error ? error.name : "error"}); run the bot once to check the connection`,
      { cause: error },
    );
  }
}

/** "db.internal:5432/briefbot": the URL without its user and password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "the configured server";
  }
}
