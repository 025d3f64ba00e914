import { feedbackReport, gapsReport, type Report } from "../curator/report.ts";
import type { CuratorLog } from "../curator/types.ts";
import { readStore } from "./readStore.ts";

export type CuratorReportKind = "gaps" | "feedback";

interface Where {
  dbPath: string;
  databaseUrl?: string | undefined;
}

/**
 * `brief gaps` and `brief feedback`: the curators' lists, read from the store the bot uses (see
 * `readStore`), as the bot's own commands give them. No store, or one the bot has not yet given these
 * tables, reads as nothing recorded.
 */
export async function readCuratorReport(
  kind: CuratorReportKind,
  where: Where,
  version: string,
  retentionDays: number,
): Promise<{ where: string; report: Report; recorded: boolean }> {
  const make = (log: CuratorLog) =>
    kind === "gaps" ? gapsReport(log, version, retentionDays) : feedbackReport(log, retentionDays);
  const read = await readStore(
    where,
    "question_gaps",
    async (db) => {
      const [{ SqliteCuratorLog }, { statementCache }] = await Promise.all([
        import("../subscriptions/sqlite/curator.ts"),
        import("../subscriptions/sqlite/database.ts"),
      ]);
      return make(new SqliteCuratorLog(db, statementCache(db)));
    },
    make,
  );
  return read.kind === "read"
    ? { where: read.where, report: read.value, recorded: true }
    : { where: read.where, report: await make(EMPTY), recorded: false };
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
