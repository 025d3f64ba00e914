import { existsSync, statSync } from "node:fs";
import type Database from "better-sqlite3";
import { OperatorError } from "../failure.ts";
import { databaseFailure, LOCK_WAIT_MS } from "../subscriptions/sqlite/databaseErrors.ts";
import type { SubscriptionStore } from "../subscriptions/store.ts";

/** What `brief` found in the bot's store: nothing yet, or what it read there. */
export type StoreRead<T> = { kind: "none"; where: string } | { kind: "read"; where: string; value: T };

/**
 * Reads the store the bot itself uses, for `brief`: PostgreSQL when `databaseUrl` is set, through
 * the bot's own store (which migrates an empty database as the bot would), else the SQLite file at
 * `dbPath`, opened read-only and without the bot's process lock, so `brief` reads it while the bot
 * runs. No file, or a file without `table` (the bot has not run here, or not this version), reads as
 * nothing; a store that exists but cannot be read is an `OperatorError` with one line. Each store's
 * driver is imported only when that store is read, so a run with no store waits for neither.
 */
export async function readStore<T>(
  options: { dbPath: string; databaseUrl?: string | undefined },
  table: string,
  fromSqlite: (db: Database.Database) => Promise<T>,
  fromPostgres: (store: SubscriptionStore) => Promise<T>,
): Promise<StoreRead<T>> {
  if (options.databaseUrl) return readPostgres(options.databaseUrl, fromPostgres);
  const path = options.dbPath;
  const where = `${path} (BRIEFBOT_DB_PATH)`;
  if (path === ":memory:" || !existsSync(path)) return { kind: "none", where };
  if (statSync(path).isDirectory())
    throw databaseFailure(Object.assign(new Error(), { code: "EISDIR" }), path, "read");
  let db: Database.Database | undefined;
  try {
    const { default: Database } = await import("better-sqlite3");
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    const found = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (!found) return { kind: "none", where };
    return { kind: "read", where, value: await fromSqlite(db) };
  } catch (error) {
    throw databaseFailure(error, path, "read");
  } finally {
    db?.close();
  }
}

async function readPostgres<T>(
  url: string,
  read: (store: SubscriptionStore) => Promise<T>,
): Promise<StoreRead<T>> {
  const where = `PostgreSQL at ${hostOf(url)} (DATABASE_URL)`;
  const [{ openPostgresSubscriptionStore }, { describeStoreProblem }] = await Promise.all([
    import("../subscriptions/postgres/postgresStore.ts"),
    import("../subscriptions/storeProblem.ts"),
  ]);
  try {
    const store = await openPostgresSubscriptionStore(url, { poolSize: 1 });
    try {
      return { kind: "read", where, value: await read(store) };
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
