import { feedbackReport, gapsReport, type Report, reportText } from "../curator/report.ts";
import type { CuratorLog } from "../curator/types.ts";
import type { Reply } from "./reply.ts";
import { type CommandSpec, defineCommand } from "./spec.ts";

/** What `gaps` and `feedback` read: the store's curator log and the running base's version. */
export interface CuratorCommandDeps {
  log: Pick<CuratorLog, "gapGroups" | "otherVersionGaps" | "wrongAnswers" | "voteCounts">;
  baseVersion(): string | Promise<string>;
  retentionDays: number;
}

const reportReply = (report: Report): Reply => ({
  kind: "report",
  title: report.title,
  lines: report.lines,
  text: reportText(report),
  visibility: "private",
});

/** `gaps` and `feedback`, for curators (the registry refuses everyone else). */
export function curatorCommands(deps: CuratorCommandDeps): CommandSpec[] {
  return [
    defineCommand("gaps", async () =>
      reportReply(await gapsReport(deps.log, await deps.baseVersion(), deps.retentionDays)),
    ),
    defineCommand("feedback", async () => reportReply(await feedbackReport(deps.log, deps.retentionDays))),
  ];
}
