import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { OperatorError } from "../../failure.ts";
import { databaseFailure, LOCK_WAIT_MS } from "./databaseErrors.ts";
import { type Migration, migrations } from "./migrations.ts";

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** A prepared better-sqlite3 statement. */
export type SqlStatement = Database.Statement;

export { LOCK_WAIT_MS };

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
export class DatabaseInUseError extends OperatorError {
  constructor(readonly path: string) {
    super(
      `another briefbot process is using ${path} (BRIEFBOT_DB_PATH); one SQLite file serves one bot process. ` +
        "Stop the other one, or set DATABASE_URL=postgres://… to run several instances on PostgreSQL.",
    );
  }
}

/** How a process uses the database file. */
export interface OpenOptions {
  /**
   * True (the running bot): hold the process lock beside the file, so a second bot on it is refused.
   * False (a one-shot `--execute`): no process lock, so one-shot runs start beside a running bot and
   * beside each other; their writes take SQLite's own lock, one at a time, each waiting its bound.
   */
  processLock?: boolean;
}

/**
 * Opens (creating the folder and file if needed) and migrates the database. WAL lets readers run
 * during the dispatcher's writes; synchronous=NORMAL keeps every commit across a process crash
 * (only an OS crash or power loss can lose the last commits, which at worst re-announces a change).
 * Opening an up-to-date database only reads: it neither waits for nor takes another process's
 * write lock, so a read-only command answers while another process writes.
 *
 * With `processLock`, the process holds a lock beside the file until the connection closes, so a
 * second briefbot opening the same file gets `DatabaseInUseError` instead of working from a stale
 * copy of the state. Every other failure is one line naming BRIEFBOT_DB_PATH and the path
 * (`databaseFailure`).
 */
export function openDatabase(
  path: string,
  schema: Migration[] = migrations,
  options: OpenOptions = {},
): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  let lock: SqliteDatabase | undefined;
  try {
    if (path !== ":memory:") {
      if (existsSync(path) && statSync(path).isDirectory()) {
        throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      }
      mkdirSync(dirname(path), { recursive: true });
    }
    if (options.processLock !== false) lock = holdProcessLock(path);
    db = new Database(path);
    if (lock) closeTogether(db, lock);
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    // Switching to WAL takes the file's exclusive lock: only a new file (or one made elsewhere) needs it.
    if (path !== ":memory:" && db.pragma("journal_mode", { simple: true }) !== "wal")
      db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    writesStartAsWrites(db);
    migrate(db, schema);
    return db;
  } catch (error) {
    if (db?.open) db.close();
    if (lock?.open) lock.close();
    if (error instanceof DatabaseInUseError) throw error;
    throw databaseFailure(error, path);
  }
}

/**
 * Takes the exclusive lock of the file beside the database (`<path>-lock`) and keeps it while the
 * process runs, so a second briefbot on the same file fails with `DatabaseInUseError` at once.
 * Other connections (a backup, the sqlite3 shell) still reach the database itself, under its own
 * locks. The operating system drops the lock when the process dies, however it dies.
 */
function holdProcessLock(path: string): SqliteDatabase | undefined {
  if (path === ":memory:") return undefined;
  const lock = new Database(`${path}-lock`);
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.pragma("busy_timeout = 0");
    // A write takes the exclusive lock; in exclusive locking mode it is kept after the commit.
    lock.exec("BEGIN EXCLUSIVE; PRAGMA user_version = 1; COMMIT");
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw new DatabaseInUseError(path);
    throw error;
  }
}

/** Closing the database also lets go of the process lock. */
function closeTogether(db: SqliteDatabase, lock: SqliteDatabase): void {
  const close = db.close.bind(db);
  db.close = () => {
    close();
    if (lock.open) lock.close();
    return db;
  };
}

/**
 * Makes every `db.transaction(fn)` begin as BEGIN IMMEDIATE: a write transaction that starts as a
 * read cannot wait for the lock it later needs (SQLite fails it at once), while one that starts
 * as a write waits up to `busy_timeout` and then runs.
 */
function writesStartAsWrites(db: SqliteDatabase): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const wrapped = transaction(fn);
    return Object.assign((...args: never[]) => wrapped.immediate(...args), {
      default: wrapped.immediate,
      deferred: wrapped.deferred,
      immediate: wrapped.immediate,
      exclusive: wrapped.exclusive,
      database: db,
    });
  }) as unknown as SqliteDatabase["transaction"];
}

/**
 * Applies the migrations newer than the database, each in its own transaction with its row in
 * schema_migrations. Refuses a database newer than the code, which would otherwise be misread.
 * An up-to-date database is only read; when a migration is due, the version is read again inside
 * the write transaction, so processes starting together on a new file migrate it once.
 */
export function migrate(db: SqliteDatabase, schema: Migration[]): number {
  const latest = schema.reduce((max, migration) => Math.max(max, migration.version), 0);
  const current = schemaVersion(db);
  refuseNewer(current, latest);
  if (current === latest) return latest;
  const record = () =>
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  })();
  for (const migration of [...schema].sort((a, b) => a.version - b.version)) {
    db.transaction(() => {
      const now = schemaVersion(db);
      refuseNewer(now, latest);
      if (migration.version <= now) return;
      db.exec(migration.sql);
      record().run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return latest;
}

/** The newest migration applied, 0 for a new file; a read. */
function schemaVersion(db: SqliteDatabase): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare("SELECT max(version) AS version FROM schema_migrations").get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

function refuseNewer(current: number, latest: number): void {
  if (current > latest) {
    throw Object.assign(
      new Error(`its schema is version ${current}, newer than this briefbot's (${latest})`),
      { code: "SCHEMA_NEWER" },
    );
  }
}
