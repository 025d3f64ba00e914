import { echo } from "../text/clean.ts";
import type { CuratorLog, GapGroup, WrongAnswer } from "./types.ts";

/** Groups `gaps` lists, and wrong answers `feedback` lists. */
export const REPORT_LIMIT = 20;
/** How much of a person's wording or reason a list quotes. */
const QUOTE = 200;

/** A list for curators: a heading and one entry per line. */
export interface Report {
  title: string;
  lines: string[];
}

const day = (iso: string) => iso.slice(0, 10);
const times = (n: number) => `${n.toLocaleString("en")}×`;
const quote = (text: string) => `"${echo(text, QUOTE)}"`;

function gapLines(group: GapGroup, index: number): string[] {
  const [first, ...others] = group.wordings;
  if (!first) return [];
  const unplaced = [...new Set(group.wordings.flatMap((w) => w.unplaced))];
  const head = [
    `${index + 1}. ${times(group.count)} ${quote(first.normalised)}`,
    first.code,
    ...(unplaced.length > 0 ? [`not placed: ${unplaced.map((u) => echo(u, 60)).join(", ")}`] : []),
    `first ${day(group.firstSeen)}, last ${day(group.lastSeen)}`,
  ].join(" · ");
  const also = others.map((w) => `   also ${times(w.count)} ${quote(w.normalised)}`);
  return [head, ...also];
}

/**
 * `gaps`: what people asked of this base version that it could not answer, most asked first, with
 * near-same wordings under one entry and what the base could not place.
 */
export async function gapsReport(
  log: Pick<CuratorLog, "gapGroups" | "otherVersionGaps">,
  baseVersion: string,
  retentionDays: number,
  limit = REPORT_LIMIT,
): Promise<Report> {
  const [groups, older] = await Promise.all([
    log.gapGroups(baseVersion, limit),
    log.otherVersionGaps(baseVersion),
  ]);
  const olderLine =
    older > 0
      ? [`(${older.toLocaleString("en")} more wordings were asked of earlier versions of the base.)`]
      : [];
  if (groups.length === 0)
    return {
      title: `No unanswered questions for base version ${baseVersion} in the last ${retentionDays} days.`,
      lines: olderLine,
    };
  return {
    title: `Questions base version ${baseVersion} could not answer, most asked first (last ${retentionDays} days; ${groups.length === limit ? `top ${limit}` : `${groups.length}`} ${groups.length === 1 ? "group" : "groups"}):`,
    lines: [...groups.flatMap(gapLines), ...olderLine],
  };
}

function wrongLines(wrong: WrongAnswer, index: number): string[] {
  const a = wrong.answer;
  const verdict = a.verdict
    ? `answered ${a.verdict}`
    : a.code === "answered"
      ? "answered"
      : `declined (${a.code})`;
  const look = [
    a.factIds.length > 0 ? `facts ${a.factIds.join(", ")}` : "",
    a.timelineEntries.length > 0 ? `timeline ${a.timelineEntries.join(", ")}` : "",
    a.sourceIds.length > 0 ? `sources ${a.sourceIds.join(", ")}` : "",
  ].filter(Boolean);
  return [
    `${index + 1}. ${day(wrong.at)} ${quote(a.question)} · ${verdict} · base ${a.baseVersion}`,
    `   reason: ${wrong.reason ? quote(wrong.reason) : "none given"}`,
    `   look at: ${look.length > 0 ? look.join("; ") : "nothing cited"}`,
    ...(a.caveats.length > 0 ? [`   caveats: ${[...new Set(a.caveats.map((c) => c.kind))].join(", ")}`] : []),
  ];
}

/** `feedback`: the answers people marked wrong, newest first, each with what it rested on. */
export async function feedbackReport(
  log: Pick<CuratorLog, "wrongAnswers" | "voteCounts">,
  retentionDays: number,
  limit = REPORT_LIMIT,
): Promise<Report> {
  const [wrong, counts] = await Promise.all([log.wrongAnswers(limit), log.voteCounts()]);
  const tally = `${counts.wrong} wrong, ${counts.helpful} helpful in the last ${retentionDays} days`;
  if (wrong.length === 0) return { title: `No answers marked wrong (${tally}).`, lines: [] };
  return {
    title: `Answers marked wrong, newest first (${tally}${counts.wrong > wrong.length ? `; the latest ${wrong.length}` : ""}):`,
    lines: wrong.flatMap(wrongLines),
  };
}

/** The report as one text: the heading, then its lines. */
export const reportText = (report: Report) => [report.title, ...report.lines].join("\n");
