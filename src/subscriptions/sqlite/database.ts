import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type Migration, migrations } from "./migrations.ts";

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** A prepared better-sqlite3 statement. */
export type SqlStatement = Database.Statement;

/** Prepares each SQL text once per connection; the outbox runs the same few statements thousands of times. */
export function statementCache(db: SqliteDatabase): (sql: string) => SqlStatement {
  const cache = new Map<string, SqlStatement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/** Another process holds the database file: SQLite serves one bot process at a time. */
export class DatabaseInUseError extends Error {
  constructor(readonly path: string) {
    super(
      `another briefbot process is using ${path}; one SQLite file serves one bot process. ` +
        "Stop the other one, or set DATABASE_URL=postgres://… to run several instances on PostgreSQL.",
    );
    this.name = "DatabaseInUseError";
  }
}

/**
 * Opens (creating the folder and file if needed) and migrates the database. WAL lets readers run
 * during the dispatcher's writes; synchronous=NORMAL keeps every commit across a process crash
 * (only an OS crash or power loss can lose the last commits, which at worst re-announces a change).
 *
 * The connection takes SQLite's exclusive lock and keeps it until it closes, so a second process
 * opening the same file gets `DatabaseInUseError` instead of working from a stale copy of the state.
 * The operating system drops the lock when the process dies, however it dies.
 */
export function openDatabase(path: string, schema: Migration[] = migrations): SqliteDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("busy_timeout = 0");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw new DatabaseInUseError(path);
    throw error;
  }
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, schema);
  return db;
}

/**
 * Applies the migrations newer than the database, each in its own transaction with its row in
 * schema_migrations. Refuses a database newer than the code, which would otherwise be misread.
 */
export function migrate(db: SqliteDatabase, schema: Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare("SELECT max(version) AS version FROM schema_migrations").get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  const latest = schema.reduce((max, migration) => Math.max(max, migration.version), 0);
  if (current > latest) {
    throw new Error(`database schema is version ${current}, newer than this code (${latest})`);
  }
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of [...schema].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return latest;
}
