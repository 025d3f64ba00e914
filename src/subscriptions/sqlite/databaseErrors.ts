import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import { OperatorError } from "../../failure.ts";

/**
 * How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
 * Shorter than Discord's 3 s to answer an interaction, so a locked store still gets a reply.
 */
export const LOCK_WAIT_MS = 2_000;

const KEY = "BRIEFBOT_DB_PATH";

/**
 * The one line for a database failure: what went wrong with the file at `path`, and what to do.
 * SQLite's and the file system's codes are mapped; nothing of the file's content is repeated.
 */
export function databaseFailure(error: unknown, path: string, doing = "open"): OperatorError {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  const message = error instanceof Error ? error.message : "";
  const where = `the database ${path} (${KEY})`;
  const line = (() => {
    if (code === "EISDIR" || /is a directory/i.test(message))
      return `cannot ${doing} ${where}: it is a folder; set ${KEY} to a file path such as data/briefbot.db`;
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT")
      return `cannot ${doing} ${where}: the file is not a briefbot database or is damaged; move it away or set ${KEY} to another file`;
    if (
      code.startsWith("SQLITE_READONLY") ||
      code === "EACCES" ||
      code === "EROFS" ||
      code === "EPERM" ||
      (code.startsWith("SQLITE_CANTOPEN") && folderReadOnly(path))
    )
      return `cannot ${doing} ${where}: it is read-only; give the bot write access to the file and its folder, or set ${KEY} to a writable path`;
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
      return `cannot ${doing} ${where}: another process held its write lock for over ${LOCK_WAIT_MS / 1000} s; try again when it has finished`;
    if (code === "SQLITE_FULL" || code === "ENOSPC" || /disk is full|ENOSPC/i.test(message))
      return `cannot ${doing} ${where}: the disk is full; free some space and start again`;
    if (code === "SQLITE_IOERR_WRITE" || code === "SQLITE_IOERR_FSYNC" || code === "SQLITE_IOERR_TRUNCATE")
      return `cannot ${doing} ${where}: writing to it failed (a full disk, a file size limit or a failing disk); free some space or check the disk`;
    if (code === "SCHEMA_NEWER")
      return `cannot ${doing} ${where}: ${message}; run the newer briefbot that wrote it, or set ${KEY} to another file`;
    if (code.startsWith("SQLITE_CANTOPEN") || code === "ENOENT" || code === "ENOTDIR")
      return `cannot ${doing} ${where}: the file cannot be opened or created; check that its folder exists and is writable`;
    return `cannot ${doing} ${where} (${code || (error instanceof Error ? error.name : "error")}); run with LOG_LEVEL=debug to log the details`;
  })();
  return new OperatorError(line, { cause: error });
}

/** True for an error from SQLite or the file system under it, which `databaseFailure` explains. */
export function isDatabaseError(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  return (error instanceof Error && error.name === "SqliteError") || code.startsWith("SQLITE_");
}

/** The database's folder exists but this process may not write to it. */
function folderReadOnly(path: string): boolean {
  const folder = dirname(path);
  if (!existsSync(folder)) return false;
  try {
    accessSync(folder, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}
