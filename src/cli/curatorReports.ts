import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { feedbackReport, gapsReport, type Report } from "../curator/report.ts";
import type { CuratorLog } from "../curator/types.ts";
import { OperatorError } from "../failure.ts";
import { openPostgresSubscriptionStore } from "../subscriptions/postgres/postgresStore.ts";
import { SqliteCuratorLog } from "../subscriptions/sqlite/curator.ts";
import { LOCK_WAIT_MS, statementCache } from "../subscriptions/sqlite/database.ts";
import { databaseFailure } from "../subscriptions/sqlite/databaseErrors.ts";
import { describeStoreProblem } from "../subscriptions/storeProblem.ts";

export type CuratorReportKind = "gaps" | "feedback";

interface Where {
  dbPath: string;
  databaseUrl?: string | undefined;
}

/**
 * `brief gaps` and `brief feedback`: the curators' lists, read from the store the bot uses, as the
 * bot's own commands give them. The SQLite file is opened read-only, so the bot may be running; no
 * file, or one the bot has not yet given these tables, reads as nothing recorded.
 */
export async function readCuratorReport(
  kind: CuratorReportKind,
  where: Where,
  version: string,
  retentionDays: number,
): Promise<{ where: string; report: Report; recorded: boolean }> {
  const make = (log: CuratorLog) =>
    kind === "gaps" ? gapsReport(log, version, retentionDays) : feedbackReport(log, retentionDays);
  if (where.databaseUrl) return readPostgres(where.databaseUrl, make);
  const path = where.dbPath;
  const label = `${path} (BRIEFBOT_DB_PATH)`;
  if (path === ":memory:" || !existsSync(path))
    return { where: label, report: await make(EMPTY), recorded: false };
  if (statSync(path).isDirectory())
    throw databaseFailure(Object.assign(new Error(), { code: "EISDIR" }), path, "read");
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'question_gaps'")
      .get();
    if (!table) return { where: label, report: await make(EMPTY), recorded: false };
    return { where: label, report: await make(new SqliteCuratorLog(db, statementCache(db))), recorded: true };
  } catch (error) {
    throw databaseFailure(error, path, "read");
  } finally {
    db?.close();
  }
}

async function readPostgres(
  url: string,
  make: (log: CuratorLog) => Promise<Report>,
): Promise<{ where: string; report: Report; recorded: boolean }> {
  const where = `PostgreSQL at ${hostOf(url)} (DATABASE_URL)`;
  try {
    const store = await openPostgresSubscriptionStore(url, { poolSize: 1 });
    try {
      return { where, report: await make(store), recorded: true };
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

/** A store with nothing recorded: the bot has not run here yet. */
const EMPTY: CuratorLog = {
  recordGaps: async () => {},
  gapGroups: async () => [],
  otherVersionGaps: async () => 0,
  recordAnswer: async () => {},
  answerRecord: async () => null,
  vote: async () => "unknown",
  giveReason: async () => false,
  wrongAnswers: async () => [],
  voteCounts: async () => ({ helpful: 0, wrong: 0 }),
  voterSalt: async () => "",
  claimDigest: async () => false,
  pruneCurator: async () => ({ gaps: 0, answers: 0, votes: 0 }),
};
