import { reportText } from "../curator/report.ts";
import type { FeedLog } from "../news/feedLog.ts";
import { feedsReport } from "../news/feedsReport.ts";
import { type CommandSpec, defineCommand } from "./spec.ts";

/** What `feeds` reads: the feeds configured, how often they are polled, and the store's record of them. */
export interface FeedCommandDeps {
  log: Pick<FeedLog, "feedRecords">;
  feeds: readonly string[];
  intervalMs: number;
}

/** `feeds`, for curators (the registry refuses everyone else). */
export function feedCommands(deps: FeedCommandDeps): CommandSpec[] {
  return [
    defineCommand("feeds", async () => {
      const report = feedsReport(deps.feeds, await deps.log.feedRecords(), deps.intervalMs);
      return {
        kind: "report",
        title: report.title,
        lines: report.lines,
        text: reportText(report),
        visibility: "private",
      };
    }),
  ];
}
